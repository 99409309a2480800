/** Every date and time of Comptoir's documents is told in Québec's time zone. */
export const TIME_ZONE = 'America/Montreal';

/** Listings show the last 7 days unless asked otherwise. */
export const LISTING_DEFAULT_DAYS = 7;

/** A listing search spans at most 30 days. */
export const LISTING_MAX_DAYS = 30;

/**
 * A kiosk accepts queued commands from a person who signed in online on it within this many
 * hours before the command was created.
 */
export const OFFLINE_WINDOW_HOURS = 12;

/** Idle shared-kiosk sessions lock after this many minutes (PCI DSS 8.2.8); a kiosk may set less. */
export const IDLE_LOCK_DEFAULT_MINUTES = 15;

/** Online registration is only for vehicles strictly under this net mass. */
export const ONLINE_REGISTRATION_MAX_MASS_KG = 4000;

/** Provisional plates are valid 45 days. */
export const PROVISIONAL_PLATE_DAYS = 45;

/** Sensitive actions need a sign-in within the last 5 minutes. */
export const REAUTHENTICATION_MAX_AGE_MINUTES = 5;
