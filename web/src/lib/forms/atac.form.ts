import { transactionKinds, type AtacCreate } from '@comptoir/shared';
import { z } from 'zod';
import {
  emptyParty,
  emptyVehicle,
  fromCents,
  partyValuesOf,
  toCents,
  toPartyInput,
  toVehicleInput,
  vehicleValuesOf,
  partyValuesSchema,
  vehicleValuesSchema,
} from './form-values';

/**
 * The draft name a typed ATAC is kept under until its command is queued (stored on the kiosk: a
 * new name would orphan the drafts already kept).
 */
export const ATAC_FORM = 'atac';

/** The ATAC form as typed. */
export const atacValuesSchema = z.object({
  transaction: z.enum(transactionKinds),
  deliveryDate: z.string(),
  vehicle: vehicleValuesSchema,
  buyers: z.array(partyValuesSchema).min(1),
  holderIndex: z.number().int().min(0),
  salePrice: z.string(),
  tradeIn: z.string(),
  gst: z.string(),
  qstBase: z.string(),
});
/** The ATAC form as typed. */
export type AtacValues = z.infer<typeof atacValuesSchema>;

/** An empty ATAC form, delivered today. */
export function emptyAtac(today: string): AtacValues {
  return {
    transaction: 'sale',
    deliveryDate: today,
    vehicle: emptyVehicle(),
    buyers: [emptyParty()],
    holderIndex: 0,
    salePrice: '',
    tradeIn: '',
    gst: '',
    qstBase: '',
  };
}

/** The `atac.create` payload for the shared schema to parse. */
export function toAtacInput(values: AtacValues): Record<string, unknown> {
  return {
    transaction: values.transaction,
    deliveryDate: values.deliveryDate,
    vehicle: toVehicleInput(values.vehicle),
    buyers: values.buyers.map(toPartyInput),
    holderIndex: values.holderIndex,
    salePriceCents: toCents(values.salePrice),
    tradeInCents: toCents(values.tradeIn),
    gstCents: toCents(values.gst),
    qstBaseCents: toCents(values.qstBase),
  };
}

/** A queued ATAC back into the form (correcting a refused command). */
export function atacValuesOf(payload: AtacCreate): AtacValues {
  return {
    transaction: payload.transaction,
    deliveryDate: payload.deliveryDate,
    vehicle: vehicleValuesOf(payload.vehicle),
    buyers: payload.buyers.map(partyValuesOf),
    holderIndex: payload.holderIndex,
    salePrice: fromCents(payload.salePriceCents),
    tradeIn: fromCents(payload.tradeInCents),
    gst: fromCents(payload.gstCents),
    qstBase: fromCents(payload.qstBaseCents),
  };
}
