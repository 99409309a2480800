import {
  apiError,
  errorCatalogue,
  fromZodError,
  type ApiError,
  type BilingualMessage,
  type ErrorCode,
} from '@comptoir/shared';

export { fromZodError, type ApiError };
/** A French and English text. */
export type Bilingual = BilingualMessage;

/**
 * Codes only the print agent answers. They belong in `shared`'s `errorCatalogue`; until they
 * are there, the agent keeps them here with the same shape.
 */
const agentCatalogue = {
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
} as const satisfies Record<string, Bilingual>;

/** A code only the agent answers. */
export type AgentOnlyCode = keyof typeof agentCatalogue;
/** Every code the agent may answer: the shared catalogue's and its own. */
export type AgentErrorCode = ErrorCode | AgentOnlyCode;

function isSharedCode(code: AgentErrorCode): code is ErrorCode {
  return Object.hasOwn(errorCatalogue, code);
}

/** Builds an ApiError from the shared catalogue, or the agent's own for agent-only codes. */
export function agentError(code: AgentErrorCode, fields: ApiError['fields'] = []): ApiError {
  if (isSharedCode(code)) return apiError(code, fields);
  return { code, message: { ...agentCatalogue[code] }, fields };
}
