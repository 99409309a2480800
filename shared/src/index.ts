/** @comptoir/shared: contracts and pure domain rules shared by every package. */
export const SHARED_VERSION = '0.1.0';
