import {
  type AppliedResult,
  appliedResultSchema,
  type partySchema,
  type vehicleSchema,
  vinCheckDigit,
} from '@comptoir/shared';
import type { z } from 'zod';
import { envelope, person, vehicle, type EnvelopeOptions } from '../../testing/factories.js';

/*
 * Command factories of the registration tests (HTTP tests and the two-process race).
 */

/** A vehicle as a kiosk sends it (before the schema's normalizing). */
type Vehicle = z.input<typeof vehicleSchema>;
/** A party as a kiosk sends it. */
type Party = z.input<typeof partySchema>;

/** The applied result of a command result (throws when it is not one). */
export function appliedOf(result: { result?: unknown } | undefined): AppliedResult {
  return appliedResultSchema.parse(result?.result);
}

/** `count` valid VINs outside the demo registry, distinct per `prefix` (one letter or digit). */
export function freshVins(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const draft = `${prefix}HGCM8260PA${String(100000 + index).slice(1)}0`.slice(0, 17);
    return `${draft.slice(0, 8)}${vinCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
  });
}

/** A registration.hold command: one buyer (the holder) unless told otherwise. */
export function holdCommand(
  options: EnvelopeOptions & {
    vehicle?: Vehicle;
    buyers?: Party[];
    seller?: Party;
    supersedes?: string;
  },
) {
  return {
    ...envelope(options),
    type: 'registration.hold' as const,
    ...(options.supersedes !== undefined && { supersedes: options.supersedes }),
    payload: {
      vehicle: options.vehicle ?? vehicle(0),
      buyers: options.buyers ?? [person()],
      holderIndex: 0,
      ...(options.seller && { seller: options.seller }),
    },
  };
}

/** A registration.confirm command (online only), with the total shown when told. */
export function confirmCommand(
  options: EnvelopeOptions & { registrationNumber: string; expectedFeeCents?: number },
) {
  return {
    ...envelope(options),
    type: 'registration.confirm' as const,
    payload: {
      registrationNumber: options.registrationNumber,
      ...(options.expectedFeeCents !== undefined && {
        expectedFeeCents: options.expectedFeeCents,
      }),
    },
  };
}

/** A registration.cancel command (online only). */
export function cancelCommand(
  options: EnvelopeOptions & {
    registrationNumber: string;
    reasonCode?: string;
    reasonText?: string;
  },
) {
  return {
    ...envelope(options),
    type: 'registration.cancel' as const,
    payload: {
      registrationNumber: options.registrationNumber,
      reasonCode: options.reasonCode ?? 'entry_error',
      ...(options.reasonText !== undefined && { reasonText: options.reasonText }),
    },
  };
}

/** An inventory.record command. */
export function inventoryCommand(options: EnvelopeOptions & { vehicle?: Vehicle; seller?: Party }) {
  return {
    ...envelope(options),
    type: 'inventory.record' as const,
    payload: {
      vehicle: options.vehicle ?? vehicle(6),
      acquiredOn: '2026-03-09',
      ...(options.seller && { seller: options.seller }),
      purchasePriceCents: 1_800_000,
    },
  };
}
