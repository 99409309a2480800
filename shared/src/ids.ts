import { v7 } from 'uuid';
import { z } from 'zod';

/** A new UUIDv7: time-ordered, so ids sort by creation and index well. */
export function newId(): string {
  return v7();
}

/** A UUIDv7 (lower or upper case hex), as produced by {@link newId}. */
export const uuidv7Schema = z.uuid({ version: 'v7' });

/** Any RFC 9562 UUID (print job ids come from the kiosk's `crypto.randomUUID`). */
export const uuidSchema = z.uuid();
