import { openComptoirDb, type ComptoirDb } from './db';

let instance: ComptoirDb | undefined;

/** The browser's one kiosk database, opened on first use. */
export function kioskDb(): ComptoirDb {
  instance ??= openComptoirDb();
  return instance;
}
