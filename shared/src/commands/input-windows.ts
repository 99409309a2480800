import { fieldError, type ApiFieldError } from '../errors.js';
import type { Party } from '../schemas/party.schema.js';
import type { Command } from './command.schema.js';

/** How far ahead a delivery may be dated: a sale being prepared, not a typing error (2099). */
export const DELIVERY_MAX_DAYS_AHEAD = 30;
/** The youngest age at which a person holds a driving licence in Canada (learner's permit). */
export const LICENCE_HOLDER_MIN_AGE = 16;

/** `date` (`YYYY-MM-DD`) moved by whole days, on the calendar (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** `date` moved back by whole years; 29 February falls back to 28 February. */
function yearsBefore(date: string, years: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const moved = new Date(Date.UTC(year - years, month - 1, day));
  if (moved.getUTCMonth() !== month - 1) moved.setUTCDate(0);
  return moved.toISOString().slice(0, 10);
}

/**
 * The first day a vehicle of `modelYear` may be delivered: 1 January of the year before, since
 * manufacturers sell a model year from the calendar year before it (a 2027 model in
 * September 2026; 49 CFR 565 lets a model year begin on 2 January of the year before).
 */
export function firstDeliveryDate(modelYear: number): string {
  return `${String(modelYear - 1).padStart(4, '0')}-01-01`;
}

/**
 * A delivery or sale date's window: from {@link firstDeliveryDate} to today + 30 days.
 *
 * @example deliveryDateProblems('deliveryDate', '2099-01-01', 2024, '2026-12-03')
 * // [{ path: 'deliveryDate', code: 'date_too_far_ahead', message: { fr: '…2027-01-02…', … } }]
 */
export function deliveryDateProblems(
  path: string,
  date: string,
  modelYear: number,
  today: string,
): ApiFieldError[] {
  const latest = addDays(today, DELIVERY_MAX_DAYS_AHEAD);
  if (date > latest) {
    return [
      fieldError(path, 'date_too_far_ahead', {
        fr: `Date trop éloignée : au plus tard le ${latest} (${String(DELIVERY_MAX_DAYS_AHEAD)} jours après aujourd’hui).`,
        en: `Date too far ahead: ${latest} at the latest (${String(DELIVERY_MAX_DAYS_AHEAD)} days after today).`,
      }),
    ];
  }
  const earliest = firstDeliveryDate(modelYear);
  if (date < earliest) {
    return [
      fieldError(path, 'date_before_model_year', {
        fr: `Date trop ancienne pour un modèle ${String(modelYear)} : au plus tôt le ${earliest}.`,
        en: `Date too early for a ${String(modelYear)} model: ${earliest} at the earliest.`,
      }),
    ];
  }
  return [];
}

/** A date that cannot be after today (an acquisition): refused with today's date named. */
export function pastDateProblems(path: string, date: string, today: string): ApiFieldError[] {
  if (date <= today) return [];
  return [
    fieldError(path, 'date_in_future', {
      fr: `La date ne peut pas être dans le futur : au plus tard le ${today}.`,
      en: `The date cannot be in the future: ${today} at the latest.`,
    }),
  ];
}

/** A person with a driving licence and a birth date must be at least 16 today. */
function partyProblems(path: string, party: Party | undefined, today: string): ApiFieldError[] {
  if (party?.kind !== 'person' || party.dateOfBirth === undefined) return [];
  if (party.driverLicence === undefined) return [];
  const latestBirth = yearsBefore(today, LICENCE_HOLDER_MIN_AGE);
  if (party.dateOfBirth <= latestBirth) return [];
  return [
    fieldError(`${path}.dateOfBirth`, 'person_too_young', {
      fr: `Un titulaire de permis a au moins ${String(LICENCE_HOLDER_MIN_AGE)} ans : né au plus tard le ${latestBirth}.`,
      en: `A licence holder is at least ${String(LICENCE_HOLDER_MIN_AGE)}: born on ${latestBirth} at the latest.`,
    }),
  ];
}

/**
 * The date windows of a parsed command, against `today` (`YYYY-MM-DD`, Québec's calendar day
 * of the SERVER clock at the server, of the kiosk's at the kiosk). Kept out of the zod schemas
 * on purpose: a schema that read the clock would answer differently for the same bytes, and
 * its parse would no longer be pure; the pipeline runs this after the parse with the batch's
 * time. Paths are relative to the payload.
 *
 * - delivery and sale dates: not before the model year's first day, at most 30 days ahead;
 * - acquisitions: not in the future;
 * - a licence holder with a birth date: at least 16.
 */
export function payloadWindowProblems(command: Command, today: string): ApiFieldError[] {
  switch (command.type) {
    case 'atac.create': {
      const { payload } = command;
      return [
        ...deliveryDateProblems('deliveryDate', payload.deliveryDate, payload.vehicle.year, today),
        ...payload.buyers.flatMap((buyer, index) =>
          partyProblems(`buyers.${String(index)}`, buyer, today),
        ),
      ];
    }
    case 'transit.issue':
      return partyProblems('holder', command.payload.holder, today);
    case 'registration.hold': {
      const { payload } = command;
      return [
        ...payload.buyers.flatMap((buyer, index) =>
          partyProblems(`buyers.${String(index)}`, buyer, today),
        ),
        ...partyProblems('seller', payload.seller, today),
      ];
    }
    case 'inventory.record': {
      const { payload } = command;
      return [
        ...pastDateProblems('acquiredOn', payload.acquiredOn, today),
        ...partyProblems('seller', payload.seller, today),
      ];
    }
    default:
      return [];
  }
}
