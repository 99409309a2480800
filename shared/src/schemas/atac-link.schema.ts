import { z } from 'zod';
import { uuidv7Schema } from '../ids.js';
import { documentNumberSchema } from './primitives.schema.js';

/**
 * The ATAC a transit or registration follows: its number once the server issued it, or the id
 * of its `atac.create` command while that still waits in the kiosk's outbox (the server turns
 * the id into the number when it applies the command, docs/sync.md#the-atac-a-command-follows).
 * Optional in the payloads: envelopes queued before it existed still parse, unchanged.
 *
 * @example
 * followsAtacSchema.parse({ number: 'ATAC-2026-000123' });
 * followsAtacSchema.parse({ commandId: '0192f5c4-…' });
 */
export const followsAtacSchema = z.union([
  z.object({ number: documentNumberSchema }).strict(),
  z.object({ commandId: uuidv7Schema }).strict(),
]);
/** The ATAC a command follows (parsed). */
export type FollowsAtac = z.infer<typeof followsAtacSchema>;
