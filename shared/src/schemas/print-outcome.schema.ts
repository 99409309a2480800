import { z } from 'zod';
import { uuidSchema } from '../ids.js';
import { documentKindSchema } from './document.schema.js';
import { documentNumberSchema, textSchema } from './primitives.schema.js';

/** What a print job became: `spooled` means handed to a driver that cannot see paper come out. */
export const printStatuses = ['printed', 'spooled', 'failed', 'held', 'to_check'] as const;

/**
 * Outcomes after which the paper may exist: they count as a print of the document (a later
 * print is then a copy).
 */
export const paperMayExistStatuses = [
  'printed',
  'spooled',
  'to_check',
] as const satisfies readonly (typeof printStatuses)[number][];

/** The outcome of one print job, queued by the kiosk so the server counts prints and copies. */
export const printOutcomeSchema = z
  .object({
    documentNumber: documentNumberSchema,
    documentKind: documentKindSchema,
    printer: textSchema(100),
    copy: z.boolean(),
    status: z.enum(printStatuses),
    jobId: uuidSchema,
  })
  .strict();
/** A print outcome (parsed). */
export type PrintOutcome = z.infer<typeof printOutcomeSchema>;
