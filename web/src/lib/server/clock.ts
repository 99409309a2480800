/** The server clock: every number, issue time and validity date comes from it. */
export type Clock = () => Date;

/** The real clock. Tests inject a fixed or stepping clock instead. */
export const systemClock: Clock = () => new Date();
