import { z } from 'zod';
import type { BilingualText } from './bilingual.js';
import { accountErrors } from './error-catalogues/accounts.errors.js';
import { agentHardeningErrors } from './error-catalogues/agent-hardening.errors.js';
import { atacLinkErrors } from './error-catalogues/atac-link.errors.js';
import { printableTextErrors } from './error-catalogues/printable-text.errors.js';
import { recoveryErrors } from './error-catalogues/recovery.errors.js';
import { platesByMailErrors } from './error-catalogues/plates-by-mail.errors.js';
import { intakeErrors } from './error-catalogues/intake.errors.js';
import { inputSanityErrors } from './error-catalogues/input-sanity.errors.js';
import { registrationErrors } from './error-catalogues/registration.errors.js';
import { staffErrors } from './error-catalogues/staff.errors.js';
import { revocationErrors } from './error-catalogues/revocations.errors.js';
import { counterErrors } from './error-catalogues/counter.errors.js';
import { vehicleLookupErrors } from './error-catalogues/vehicle-lookup.errors.js';
import { offlineErrors } from './error-catalogues/offline.errors.js';

/**
 * Every stable error code of Comptoir with its French and English message. Codes are the
 * contract (clients branch on them, tests assert them); messages may be reworded freely.
 * Field-level codes (`required`, `too_long`, `vin_check_digit`...) live in the same catalogue
 * so that one code means one thing wherever it appears.
 */
export const errorCatalogue = {
  // Generic request problems
  invalid_input: {
    fr: 'Certains champs sont invalides.',
    en: 'Some fields are invalid.',
  },
  not_found: { fr: 'Introuvable.', en: 'Not found.' },
  unauthenticated: {
    fr: 'Veuillez vous connecter.',
    en: 'Please sign in.',
  },
  forbidden: {
    fr: "Vous n'avez pas le droit d'effectuer cette action.",
    en: 'You are not allowed to do this.',
  },
  reauthentication_required: {
    fr: 'Veuillez vous authentifier de nouveau pour cette action.',
    en: 'Please sign in again for this action.',
  },
  online_only: {
    fr: 'Cette action exige une connexion Internet.',
    en: 'This action needs an internet connection.',
  },
  payload_too_large: {
    fr: 'La requête est trop volumineuse.',
    en: 'The request is too large.',
  },
  rate_limited: {
    fr: 'Trop de tentatives. Réessayez dans un moment.',
    en: 'Too many attempts. Try again in a moment.',
  },
  invalid_credentials: {
    fr: "Nom d'utilisateur ou mot de passe incorrect.",
    en: 'Wrong username or password.',
  },
  internal_error: {
    fr: 'Erreur interne. Réessayez plus tard.',
    en: 'Internal error. Try again later.',
  },
  // Sync
  idempotency_conflict: {
    fr: 'Cet identifiant de commande a déjà été utilisé pour un contenu différent.',
    en: 'This command id was already used with a different content.',
  },
  actor_not_session: {
    fr: 'Cette commande appartient à une autre personne; elle attend que son auteur se connecte.',
    en: 'This command belongs to someone else; it waits for its author to sign in.',
  },
  actor_outside_offline_window: {
    fr: "L'auteur n'avait pas de connexion valide sur ce poste dans les 12 heures précédentes.",
    en: 'The author had no valid sign-in on this kiosk within the previous 12 hours.',
  },
  licence_not_permitted: {
    fr: 'Vous ne pouvez pas agir pour ce numéro de licence.',
    en: 'You may not act for this licence number.',
  },
  unknown_command_type: {
    fr: 'Type de commande inconnu.',
    en: 'Unknown command type.',
  },
  // Kiosk only: raised before any send, when the kiosk cannot write a command to its outbox.
  storage_full: {
    fr: "L'espace de stockage du poste est plein : rien n'a été enregistré. Libérez de l'espace ou synchronisez, puis réessayez.",
    en: "The kiosk's storage is full: nothing was saved. Free some space or sync, then try again.",
  },
  // Print agent: pairing, callers, printers, jobs
  kiosk_token_required: {
    fr: 'Jeton de borne requis (jumelez la borne).',
    en: 'Kiosk token required (pair the kiosk).',
  },
  kiosk_token_invalid: { fr: 'Jeton de borne inconnu.', en: 'Unknown kiosk token.' },
  pairing_code_invalid: {
    fr: 'Code de jumelage invalide ou expiré.',
    en: 'Pairing code invalid or expired.',
  },
  admin_auth_required: { fr: 'Secret d’administration requis.', en: 'Admin secret required.' },
  origin_not_allowed: { fr: 'Origine non autorisée.', en: 'Origin not allowed.' },
  printer_unknown: { fr: 'Imprimante inconnue.', en: 'Unknown printer.' },
  no_printer_for_role: {
    fr: 'Aucune imprimante pour ce rôle.',
    en: 'No printer configured for this role.',
  },
  job_not_to_check: {
    fr: 'Ce travail n’est pas « à vérifier ».',
    en: 'This job is not "to check".',
  },
  // Signed documents and QR tokens (the `TokenError` codes of `@comptoir/shared/tokens`)
  token_malformed: {
    fr: 'Document non signé ou illisible.',
    en: 'Unsigned or unreadable document.',
  },
  token_bad_signature: {
    fr: 'Signature du document invalide (document modifié).',
    en: 'Invalid document signature (document altered).',
  },
  token_unknown_key: {
    fr: 'Document signé par une clé inconnue.',
    en: 'Document signed by an unknown key.',
  },
  token_expired: { fr: 'Document expiré.', en: 'Document expired.' },
  // Vehicle identification number
  vin_length: {
    fr: 'Le NIV doit compter 17 caractères.',
    en: 'The VIN must be 17 characters long.',
  },
  vin_forbidden_letter: {
    fr: 'Le NIV ne peut contenir les lettres I, O ou Q.',
    en: 'The VIN cannot contain the letters I, O or Q.',
  },
  vin_invalid_character: {
    fr: 'Le NIV ne peut contenir que des lettres et des chiffres.',
    en: 'The VIN may only contain letters and digits.',
  },
  vin_check_digit: {
    fr: 'Le chiffre de contrôle du NIV (9e caractère) est incorrect.',
    en: 'The VIN check digit (9th character) is wrong.',
  },
  vin_model_year: {
    fr: "Le code d'année modèle du NIV (10e caractère) est invalide.",
    en: 'The VIN model-year code (10th character) is invalid.',
  },
  // Transit
  transit_forbidden_category: {
    fr: "Aucun certificat de transit n'est permis pour ce type ou cette catégorie de véhicule.",
    en: 'No transit certificate is allowed for this vehicle type or category.',
  },
  transit_limit_customer: {
    fr: 'Ce client a déjà reçu 2 certificats de transit pour ce véhicule en 12 mois.',
    en: 'This customer already received 2 transit certificates for this vehicle in 12 months.',
  },
  transit_limit_vehicle: {
    fr: 'Ce véhicule a déjà reçu 4 certificats de transit en 12 mois.',
    en: 'This vehicle already received 4 transit certificates in 12 months.',
  },
  transit_cap_reached: {
    fr: 'Le plafond de documents temporaires de cette licence est atteint; une approbation de la SAAQ est requise.',
    en: "This licence's cap on temporary documents is reached; authority approval is required.",
  },
  // Registration
  registration_co_owned: {
    fr: "Un véhicule en copropriété ne peut être immatriculé en ligne : remettez l'ATAC au client pour un point de service.",
    en: 'A co-owned vehicle cannot be registered online: give the client the ATAC for a service point.',
  },
  registration_vehicle_type: {
    fr: 'Seuls les automobiles, camionnettes et VUS peuvent être immatriculés en ligne.',
    en: 'Only cars, light trucks and SUVs can be registered online.',
  },
  registration_too_heavy: {
    fr: 'Seuls les véhicules de moins de 4 000 kg peuvent être immatriculés en ligne.',
    en: 'Only vehicles under 4,000 kg can be registered online.',
  },
  registration_no_bank_account: {
    fr: "Aucun compte bancaire au dossier : l'immatriculation en ligne est impossible.",
    en: 'No bank account on file: online registration is not possible.',
  },
  registration_not_on_hold: {
    fr: "Cette transaction n'est pas en attente.",
    en: 'This transaction is not on hold.',
  },
  cancellation_too_late: {
    fr: "L'annulation n'est possible que le jour même, avant 23 h.",
    en: 'Cancellation is only possible the same day, before 11 p.m.',
  },
  cancellation_superseded: {
    fr: "Une transaction ultérieure touche ce véhicule : l'annulation est impossible.",
    en: 'A later transaction touches this vehicle: cancellation is not possible.',
  },
  right_to_register_blocked: {
    fr: "Cette personne n'a pas le droit d'immatriculer (amendes impayées ou autre blocage).",
    en: 'This person has no right to register (unpaid fines or another block).',
  },
  licence_suspended: {
    fr: 'Cette licence est suspendue.',
    en: 'This licence is suspended.',
  },
  driver_licence_invalid: {
    fr: "Ce permis de conduire n'est pas valide.",
    en: 'This driving licence is not valid.',
  },
  document_voided: {
    fr: 'Ce document a été annulé.',
    en: 'This document was voided.',
  },
  listing_window_too_long: {
    fr: 'Une recherche couvre au plus 30 jours.',
    en: 'A search covers at most 30 days.',
  },
  listing_window_reversed: {
    fr: 'La date de début doit précéder la date de fin.',
    en: 'The start date must come before the end date.',
  },
  // Field-level codes
  required: { fr: 'Champ obligatoire.', en: 'Required field.' },
  too_long: { fr: 'Trop long.', en: 'Too long.' },
  too_short: { fr: 'Trop court.', en: 'Too short.' },
  too_large: { fr: 'Valeur trop grande.', en: 'Value too large.' },
  too_small: { fr: 'Valeur trop petite.', en: 'Value too small.' },
  too_many: { fr: "Trop d'éléments.", en: 'Too many items.' },
  too_few: { fr: "Pas assez d'éléments.", en: 'Not enough items.' },
  not_integer: { fr: 'Doit être un nombre entier.', en: 'Must be a whole number.' },
  invalid_type: { fr: 'Type de valeur invalide.', en: 'Invalid value type.' },
  invalid_format: { fr: 'Format invalide.', en: 'Invalid format.' },
  invalid_date: {
    fr: 'Date invalide (AAAA-MM-JJ).',
    en: 'Invalid date (YYYY-MM-DD).',
  },
  invalid_datetime: {
    fr: 'Date et heure invalides (ISO 8601 avec fuseau).',
    en: 'Invalid date and time (ISO 8601 with offset).',
  },
  invalid_id: { fr: 'Identifiant invalide.', en: 'Invalid identifier.' },
  invalid_choice: {
    fr: 'Choix invalide.',
    en: 'Invalid choice.',
  },
  unknown_field: { fr: 'Champ inconnu.', en: 'Unknown field.' },
  invalid_driver_licence: {
    fr: 'Numéro de permis invalide : 1 lettre suivie de 12 chiffres.',
    en: 'Invalid licence number: 1 letter followed by 12 digits.',
  },
  invalid_neq: {
    fr: 'NEQ invalide : 10 chiffres.',
    en: 'Invalid NEQ: 10 digits.',
  },
  invalid_postal_code: {
    fr: 'Code postal invalide (ex. H2X 1Y4).',
    en: 'Invalid postal code (e.g. H2X 1Y4).',
  },
  invalid_plate_number: {
    fr: 'Numéro de plaque invalide.',
    en: 'Invalid plate number.',
  },
  invalid_holder_index: {
    fr: "Le titulaire désigné doit être l'un des acheteurs.",
    en: 'The designated holder must be one of the buyers.',
  },
  reason_text_required: {
    fr: 'Précisez le motif.',
    en: 'Please describe the reason.',
  },
  invalid_bank_institution: {
    fr: "Numéro d'institution invalide : 3 chiffres.",
    en: 'Invalid institution number: 3 digits.',
  },
  invalid_bank_transit: {
    fr: 'Numéro de transit (succursale) invalide : 5 chiffres.',
    en: 'Invalid transit (branch) number: 5 digits.',
  },
  invalid_bank_account: {
    fr: 'Numéro de compte invalide : 7 à 12 chiffres.',
    en: 'Invalid account number: 7 to 12 digits.',
  },
  invalid_licence_number: {
    fr: 'Numéro de licence SAAQ invalide.',
    en: 'Invalid SAAQ licence number.',
  },
  duplicate_buyer: {
    fr: 'Le même acheteur figure deux fois.',
    en: 'The same buyer appears twice.',
  },
  // One catalogue, kept in a file per service group so that each grows on its own.
  ...registrationErrors,
  ...atacLinkErrors,
  ...staffErrors,
  ...accountErrors,
  ...agentHardeningErrors,
  ...printableTextErrors,
  ...recoveryErrors,
  ...platesByMailErrors,
  ...intakeErrors,
  ...revocationErrors,
  ...counterErrors,
  ...inputSanityErrors,
  ...vehicleLookupErrors,
  ...offlineErrors,
} as const satisfies Record<string, BilingualText>;

/** Every stable error code. */
export type ErrorCode = keyof typeof errorCatalogue;

/** True when `code` is one of Comptoir's stable error codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalogue, code);
}

/** Bilingual message schema, shared by errors and documents. */
export const bilingualMessageSchema = z.object({ fr: z.string(), en: z.string() });

/**
 * One failing field: `path` joins the zod path with '.', e.g. `payload.buyers.0.address.postalCode`;
 * `''` means the object itself.
 */
export const apiFieldErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: bilingualMessageSchema,
});
/** One failing field of an {@link ApiError}. */
export type ApiFieldError = z.infer<typeof apiFieldErrorSchema>;

/**
 * The error body every Comptoir API and every rejected command answers with. `code` is a
 * plain string on the wire (not an enum) so that an older client still parses a newer
 * server's codes.
 */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: bilingualMessageSchema,
  fields: z.array(apiFieldErrorSchema),
  /**
   * The values a refusal names, for a client to act on without parsing the message (e.g.
   * `fee_changed`: `{ feeCents, expectedFeeCents }`). Optional: most refusals carry none.
   */
  details: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
/** The error body of every refusal: stable code, French/English message, failing fields. */
export type ApiError = z.infer<typeof apiErrorSchema>;

/**
 * Builds one failing field from the catalogue; `message` replaces the catalogue's when the
 * refusal names what it refused (the character a document cannot print).
 */
export function fieldError(path: string, code: ErrorCode, message?: BilingualText): ApiFieldError {
  return { path, code, message: { ...(message ?? errorCatalogue[code]) } };
}

/**
 * Builds an {@link ApiError} from the catalogue.
 * @example apiError('transit_limit_vehicle')
 * @example apiError('invalid_input', [fieldError('vehicle.vin', 'vin_check_digit')])
 */
export function apiError(code: ErrorCode, fields: ApiFieldError[] = []): ApiError {
  return { code, message: { ...errorCatalogue[code] }, fields };
}

/**
 * Custom zod issue parameters: refinements in `shared` put their stable code in
 * `params.code`, which {@link fromZodError} reads back.
 */
export interface CodedIssueParams {
  code: ErrorCode;
  /** A message naming the refused value, in place of the catalogue's. */
  message?: BilingualText;
}

/** The zod issue (custom) a refinement adds to report a stable field code. */
export function codedIssue(
  code: ErrorCode,
  path: PropertyKey[] = [],
): { code: 'custom'; message: string; path: PropertyKey[]; params: CodedIssueParams } {
  return { code: 'custom', message: errorCatalogue[code].en, path, params: { code } };
}

/**
 * Options for a `.refine()` that reports a stable code at `path` and runs even when OTHER
 * fields failed (zod skips object refinements after any issue by default), so that every
 * failing field is reported at once. It still waits for the fields it reads (`reads`, top-level
 * keys of the refined object): a check on a field that did not parse would only add noise.
 */
export function codedRefinement(
  code: ErrorCode,
  path: PropertyKey[],
  reads: readonly string[],
): {
  message: string;
  path: PropertyKey[];
  params: CodedIssueParams;
  when: (payload: z.core.ParsePayload) => boolean;
} {
  return {
    message: errorCatalogue[code].en,
    path,
    params: { code },
    when: (payload) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      !payload.issues.some((issue) => {
        // Only a failure OF a read field blocks (missing, wrong type, too few items); a
        // failure inside it (one buyer's postal code) leaves what the check reads intact.
        const path = issue.path ?? [];
        const [first] = path;
        return path.length === 1 && typeof first === 'string' && reads.includes(first);
      }),
  };
}

function joinPath(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

const formatCodes: Partial<Record<string, ErrorCode>> = {
  date: 'invalid_date',
  datetime: 'invalid_datetime',
  uuid: 'invalid_id',
  regex: 'invalid_format',
};

/** The message a refinement wrote for this very value ({@link CodedIssueParams.message}). */
function namedMessageOf(issue: z.core.$ZodIssue): BilingualText | undefined {
  if (issue.code !== 'custom') return undefined;
  const parsed = bilingualMessageSchema.safeParse(issue.params?.message);
  return parsed.success ? parsed.data : undefined;
}

function fieldCodeOf(issue: z.core.$ZodIssue): ErrorCode {
  switch (issue.code) {
    case 'custom': {
      const coded: unknown = issue.params?.code;
      return typeof coded === 'string' && isErrorCode(coded) ? coded : 'invalid_format';
    }
    case 'invalid_type':
      // zod 4 drops the input from issues unless asked (`reportInput`), but its default
      // message names what it received: a missing key is "received undefined".
      if (issue.message.endsWith('received undefined')) return 'required';
      return issue.expected === 'int' ? 'not_integer' : 'invalid_type';
    case 'too_big':
      if (issue.origin === 'string') return 'too_long';
      if (issue.origin === 'array' || issue.origin === 'set') return 'too_many';
      return 'too_large';
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'required' : 'too_short';
      if (issue.origin === 'array' || issue.origin === 'set') return 'too_few';
      return 'too_small';
    case 'invalid_format':
      return formatCodes[issue.format] ?? 'invalid_format';
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return 'invalid_choice';
    case 'not_multiple_of':
      return 'not_integer';
    case 'unrecognized_keys':
      return 'unknown_field';
  }
}

/**
 * Turns a zod error into an {@link ApiError} listing EVERY failing field with its path,
 * stable field code and French/English message. An unknown key becomes one field per key
 * (`path` names the key itself) so the form can point at it.
 */
export function fromZodError(error: z.ZodError, code: ErrorCode = 'invalid_input'): ApiError {
  const fields: ApiFieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields.push(fieldError(joinPath([...issue.path, key]), 'unknown_field'));
      }
      continue;
    }
    fields.push(fieldError(joinPath(issue.path), fieldCodeOf(issue), namedMessageOf(issue)));
  }
  return apiError(code, fields);
}
