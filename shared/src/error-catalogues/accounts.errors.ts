import type { BilingualText } from '../bilingual.js';

/** Stable error codes of sign-up, access codes, sessions, kiosks, PIN and offline unlock (Accounts); merged into `errorCatalogue`. */
export const accountErrors = {
  // Kiosk enrolment, device credentials and who may push (sync)
  kiosk_credential_invalid: {
    fr: 'Ce poste n’est pas inscrit ou son inscription a été révoquée.',
    en: 'This kiosk is not enrolled or its enrolment was revoked.',
  },
  kiosk_enrolled_elsewhere: {
    fr: 'Ce poste est inscrit chez un autre commerçant.',
    en: 'This kiosk is enrolled with another dealer.',
  },
  actor_account_disabled: {
    fr: 'Le compte de l’auteur est désactivé ou inconnu.',
    en: "The author's account is disabled or unknown.",
  },
  invalid_operator_pin: {
    fr: 'Le NIP doit compter de 4 à 6 chiffres.',
    en: 'The PIN must have 4 to 6 digits.',
  },
  operator_unknown: {
    fr: 'Cette personne (opérateur) est inconnue ou désactivée chez ce commerçant.',
    en: 'This operator is unknown or disabled at this dealer.',
  },
  created_at_in_future: {
    fr: 'La commande est datée dans le futur (horloge du poste à vérifier).',
    en: "The command is dated in the future (check the kiosk's clock).",
  },
  // Sign-up of a dealer's administrator (docs/domain.md#administrator-first): each refusal
  // names its rule.
  signup_enterprise_unknown: {
    fr: "Ce NEQ n'existe pas au Registraire des entreprises.",
    en: 'This NEQ is not in the enterprise registry.',
  },
  signup_not_a_dealer: {
    fr: 'Cette entreprise ne détient aucun permis de commerçant de véhicules.',
    en: 'This enterprise holds no vehicle dealer permit.',
  },
  signup_not_administrator: {
    fr: "Cette personne n'est pas inscrite comme administrateur de l'entreprise au Registraire des entreprises, et l'entreprise n'est pas une entreprise individuelle à son nom.",
    en: 'This person is not listed as an administrator of the enterprise at the enterprise registry, and the enterprise is not a sole proprietorship in their name.',
  },
  signup_administrator_exists: {
    fr: 'Le compte administrateur de ce commerçant existe déjà.',
    en: "This dealer's administrator account already exists.",
  },
  signup_administrator_missing: {
    fr: "L'administrateur du commerçant doit d'abord créer son compte.",
    en: "The dealer's administrator must create their account first.",
  },
  person_has_account: {
    fr: 'Cette personne a déjà un compte : connectez-vous avec celui-ci.',
    en: 'This person already has an account: sign in with it.',
  },
  username_taken: {
    fr: "Ce nom d'utilisateur est déjà pris.",
    en: 'This username is already taken.',
  },
  invalid_username: {
    fr: "Nom d'utilisateur invalide : 3 à 64 lettres, chiffres, points, tirets ou soulignés.",
    en: 'Invalid username: 3 to 64 letters, digits, dots, dashes or underscores.',
  },
  password_too_short: {
    fr: 'Le mot de passe doit compter au moins 12 caractères.',
    en: 'The password must be at least 12 characters long.',
  },
  password_needs_letter_and_digit: {
    fr: 'Le mot de passe doit contenir au moins une lettre et un chiffre.',
    en: 'The password must contain at least one letter and one digit.',
  },
  password_contains_username: {
    fr: "Le mot de passe ne peut contenir le nom d'utilisateur.",
    en: 'The password cannot contain the username.',
  },
  // Access codes of accredited dealers' employees (rule 3)
  access_code_invalid: {
    fr: "Code d'accès invalide, expiré ou déjà utilisé, ou délivré à une autre personne.",
    en: 'Access code invalid, expired, already used, or issued to someone else.',
  },
  invalid_access_code: {
    fr: "Code d'accès invalide : 8 lettres et chiffres.",
    en: 'Invalid access code: 8 letters and digits.',
  },
  dealer_not_accredited: {
    fr: "Ce commerçant n'est pas agréé : ses employés utilisent des comptes génériques.",
    en: 'This dealer is not accredited: its employees use generic accounts.',
  },
  generic_accounts_accredited_dealer: {
    fr: "Un commerçant agréé n'a pas de comptes génériques : chaque employé crée son compte personnel avec un code d'accès.",
    en: 'An accredited dealer has no generic accounts: each employee creates a personal account with an access code.',
  },
  // Sign-in, activation, sessions
  activation_country: {
    fr: "La première connexion d'un compte n'est permise que depuis le Canada ou les États-Unis.",
    en: "An account's first sign-in is only allowed from Canada or the United States.",
  },
  account_disabled: {
    fr: 'Ce compte est désactivé.',
    en: 'This account is disabled.',
  },
  session_expired: {
    fr: 'Votre session a expiré. Veuillez vous reconnecter.',
    en: 'Your session expired. Please sign in again.',
  },
  invalid_idle_minutes: {
    fr: "Délai d'inactivité invalide : 1 à 15 minutes.",
    en: 'Invalid idle timeout: 1 to 15 minutes.',
  },
  // OpenID Connect
  oidc_not_configured: {
    fr: "La connexion par le service d'authentification n'est pas configurée.",
    en: 'Sign-in through the identity provider is not configured.',
  },
  oidc_failed: {
    fr: "La connexion par le service d'authentification a échoué. Recommencez.",
    en: 'Sign-in through the identity provider failed. Start again.',
  },
  oidc_account_unknown: {
    fr: "Aucun compte n'est lié à cette identité. Connectez-vous d'abord avec votre mot de passe pour la lier.",
    en: 'No account is linked to this identity. Sign in with your password first to link it.',
  },
  oidc_identity_mismatch: {
    fr: "L'identité confirmée n'est pas celle du compte connecté.",
    en: 'The confirmed identity is not the signed-in account’s.',
  },
  // Cross-site and request shape
  json_required: {
    fr: 'Cette requête doit être envoyée en JSON (application/json).',
    en: 'This request must be sent as JSON (application/json).',
  },
  cross_site_refused: {
    fr: "Requête d'un autre site refusée.",
    en: 'Cross-site request refused.',
  },
} as const satisfies Record<string, BilingualText>;
