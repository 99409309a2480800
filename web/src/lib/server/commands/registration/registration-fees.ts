import {
  feeTotal,
  localDate,
  registrationConfirmCommand,
  type FeeLine,
  type FeeQuote,
} from '@comptoir/shared';
import type { Tx } from '../../db/engine.js';
import { findLicenceBankAccount } from '../../registry/bank.repo.js';
import { findRegistrationFee } from '../../registry/registrations.repo.js';
import { maskAccount } from '../bank/bank-account.handler.js';

/** The plate series a registration's provisional plate is drawn from. */
export const REGISTRATION_PLATE_SERIES = 'passenger';

/**
 * The lines of a registration's fee at `now`: the schedule of the local year for the vehicle
 * type (empty when none is in force). The confirmation debits exactly this, and the summary
 * shows exactly this, so both read it here.
 */
export async function registrationFeeLines(
  tx: Tx,
  now: Date,
  vehicleType: string,
): Promise<FeeLine[]> {
  const year = Number(localDate(now).slice(0, 4));
  const amountCents = await findRegistrationFee(tx, year, vehicleType);
  return amountCents === undefined
    ? []
    : [{ code: 'registration_fee', year, vehicleType, amountCents }];
}

/**
 * What confirming a registration of `vehicleType` under `licence` would debit (from its
 * dealer's account) and issue now.
 */
export async function quoteRegistration(
  tx: Tx,
  query: { licence: string; vehicleType: string; now: Date },
): Promise<FeeQuote> {
  const lines = await registrationFeeLines(tx, query.now, query.vehicleType);
  const account = await findLicenceBankAccount(tx, query.licence);
  return {
    lines,
    totalCents: lines.length === 0 ? null : feeTotal(lines),
    bankAccount: account
      ? {
          institution: account.institution,
          transit: account.branchTransit,
          accountMasked: maskAccount(account.accountLast4),
        }
      : null,
    plateSeries: REGISTRATION_PLATE_SERIES,
    papers: [...registrationConfirmCommand.issues],
  };
}
