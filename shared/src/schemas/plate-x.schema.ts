import { z } from 'zod';
import { wholeNumberSchema } from './primitives.schema.js';

/** Orders removable dealer plates (plaques X): 1 to 10 at a time. */
export const plateXOrderSchema = z.object({ quantity: wholeNumberSchema(1, 10) }).strict();
/** A plate-X order (parsed). */
export type PlateXOrder = z.infer<typeof plateXOrderSchema>;
