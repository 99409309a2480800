import {
  apiError,
  appliedResultSchema,
  fieldError,
  fromZodError,
  inventoryRecordSchema,
  onlineRegistrationRefusal,
  plateXOrderSchema,
  registrationRequestSchema,
  type ApiError,
  type AppliedResult,
} from '@comptoir/shared';
import { kioskDb } from '$lib/offline/kiosk-db';
import type { OutboxRow } from '$lib/offline/db';
import { getOwnCommand } from '$lib/offline/outbox';
import { currentAccountId } from '$lib/session/session.svelte';
import {
  inventoryValuesOf,
  toInventoryInput,
  type InventoryValues,
} from '$lib/forms/inventory.form';
import { plateXValuesOf, toPlateXInput, type PlateXValues } from '$lib/forms/platex.form';
import {
  registrationValuesOf,
  toRegistrationInput,
  type RegistrationValues,
} from '$lib/forms/registration.form';
import { queueCommand } from './commands.service';
import { dropDraft } from './drafts.service';
import type { ActionResult } from './result';

/** Draft names of the registry forms. */
export const REGISTRATION_FORM = 'registration';
export const INVENTORY_FORM = 'inventory';
export const PLATEX_FORM = 'platex';

/** Which field a registration eligibility refusal points at. */
const refusalPath = {
  registration_vehicle_type: 'vehicle.type',
  registration_too_heavy: 'vehicle.netMassKg',
  registration_co_owned: 'buyers',
} as const;

/**
 * Saves a registration on hold: queued like an ATAC (it may wait offline). The eligibility
 * rules of online registration (type, mass, a single owner) are the shared ones, applied here
 * first so the person hears at once, offline too, that a co-owned vehicle goes to a service
 * point with the ATAC; the server applies them again.
 */
export async function submitRegistration(
  values: RegistrationValues,
  supersedes?: string,
): Promise<ActionResult<string>> {
  const input = toRegistrationInput(values);
  const parsed = registrationRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: fromZodError(parsed.error) };
  const refusal = onlineRegistrationRefusal(parsed.data.vehicle, parsed.data.buyers.length);
  if (refusal) {
    return { ok: false, error: apiError(refusal, [fieldError(refusalPath[refusal], refusal)]) };
  }
  const result = await queueCommand('registration.hold', input, supersedes);
  if (result.ok) await dropDraft(REGISTRATION_FORM);
  return result;
}

/** Queues an inventory record (or its correction). */
export async function submitInventory(
  values: InventoryValues,
  supersedes?: string,
): Promise<ActionResult<string>> {
  const result = await queueCommand('inventory.record', toInventoryInput(values), supersedes);
  if (result.ok) await dropDraft(INVENTORY_FORM);
  return result;
}

/** Queues a plate X order (or its correction). */
export async function submitPlateX(
  values: PlateXValues,
  supersedes?: string,
): Promise<ActionResult<string>> {
  const result = await queueCommand('platex.order', toPlateXInput(values), supersedes);
  if (result.ok) await dropDraft(PLATEX_FORM);
  return result;
}

/** A refused command of the signed-in person, as its form's values with the server's reasons. */
export interface Correction<Values> {
  values: Values;
  error: ApiError | undefined;
}

async function refusedCommand(commandId: string): Promise<OutboxRow | undefined> {
  const accountId = currentAccountId();
  if (!accountId) return undefined;
  const row = await getOwnCommand(kioskDb(), commandId, accountId);
  return row?.state === 'rejected' ? row : undefined;
}

/** A refused registration on hold, back in its form. */
export async function loadRegistrationCorrection(
  commandId: string,
): Promise<Correction<RegistrationValues> | undefined> {
  const row = await refusedCommand(commandId);
  if (row?.command.type !== 'registration.hold') return undefined;
  const payload = registrationRequestSchema.safeParse(row.command.payload);
  return payload.success
    ? { values: registrationValuesOf(payload.data), error: row.error }
    : undefined;
}

/** A refused inventory record, back in its form. */
export async function loadInventoryCorrection(
  commandId: string,
): Promise<Correction<InventoryValues> | undefined> {
  const row = await refusedCommand(commandId);
  if (row?.command.type !== 'inventory.record') return undefined;
  const payload = inventoryRecordSchema.safeParse(row.command.payload);
  return payload.success
    ? { values: inventoryValuesOf(payload.data), error: row.error }
    : undefined;
}

/** A refused plate X order, back in its form. */
export async function loadPlateXCorrection(
  commandId: string,
): Promise<Correction<PlateXValues> | undefined> {
  const row = await refusedCommand(commandId);
  if (row?.command.type !== 'platex.order') return undefined;
  const payload = plateXOrderSchema.safeParse(row.command.payload);
  return payload.success ? { values: plateXValuesOf(payload.data), error: row.error } : undefined;
}

/** What an applied queued command produced (transaction, documents, plates), if it was applied. */
export function appliedResultOf(row: OutboxRow | undefined): AppliedResult | undefined {
  if (row?.state !== 'applied') return undefined;
  const parsed = appliedResultSchema.safeParse(row.result ?? {});
  return parsed.success ? parsed.data : undefined;
}
