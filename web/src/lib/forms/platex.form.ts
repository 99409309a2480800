import type { PlateXOrder } from '@comptoir/shared';
import { z } from 'zod';
import { toNumber } from './form-values';

/**
 * The draft name a typed plate X order is kept under until its command is queued (stored on the kiosk: a
 * new name would orphan the drafts already kept).
 */
export const PLATEX_FORM = 'platex';

/** The plate X order form as typed. */
export const plateXValuesSchema = z.object({ quantity: z.string() });
/** The plate X order form as typed. */
export type PlateXValues = z.infer<typeof plateXValuesSchema>;

/** An empty order: one plate, the usual case. */
export function emptyPlateX(): PlateXValues {
  return { quantity: '1' };
}

/** The `platex.order` payload for the shared schema to parse. */
export function toPlateXInput(values: PlateXValues): Record<string, unknown> {
  return { quantity: toNumber(values.quantity) };
}

/** A queued order back into the form. */
export function plateXValuesOf(payload: PlateXOrder): PlateXValues {
  return { quantity: String(payload.quantity) };
}
