import { createHmac, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import {
  apiError,
  fieldError,
  fromZodError,
  newId,
  operatorCreateSchema,
  operatorListQuerySchema,
  operatorUpdateSchema,
  operatorVerifiersQuerySchema,
  uuidv7Schema,
  type Operator,
  type OperatorVerifier,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import { hashPassword } from '../accounts/password.js';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http/responses.js';
import { decryptSecret, encryptSecret } from '../secret-box.js';
import { actsFor, authorizeLicence, refuse, requireAdministration } from '../http/authorize.js';
import { licenceNumbersOfDealer } from '../registry/licences.repo.js';
import {
  enabledOperatorPins,
  findOperatorClash,
  findStoredOperator,
  insertOperator,
  operatorsOfDealer,
  replaceOperator,
  type OperatorClash,
  type OperatorRecord,
} from '../registry/operators.repo.js';
import { operatorPinKey } from './operator-pin-key.js';

const derive = promisify(pbkdf2);

/**
 * PBKDF2 rounds of a kiosk's PIN verifier. A 4-6 digit PIN cannot be made hard to guess by
 * any hash: it attributes work, it is not a security boundary; the rounds only slow a copy.
 */
export const OPERATOR_VERIFIER_ITERATIONS = 100_000;

function operatorView(operator: OperatorRecord): Operator {
  return {
    operatorId: operator.id,
    displayName: operator.displayName,
    disabled: operator.isDisabled,
    createdAt: operator.createdAt,
  };
}

/** `POST /api/operators`: adds an operator with a PIN (argon2id, and sealed for verifiers). */
export async function createOperator(
  server: ServerContext,
  actor: SessionAccount,
  body: unknown,
): Promise<Operator> {
  const parsed = operatorCreateSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const { licence, displayName, pin } = parsed.data;
  const { dealerId } = await requireAdministration(
    server,
    actor,
    licence,
    'accounts.manage_generic',
    { route: 'operator.create' },
  );
  const now = server.clock();
  const row: OperatorRecord = {
    id: newId(),
    dealerId,
    displayName,
    pinHash: await hashPassword(pin),
    pinCipher: encryptSecret(server.secretKey, pin),
    pinKey: operatorPinKey(server.secretKey, dealerId, pin),
    isDisabled: false,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const clash = await server.storage.writeTransaction(async (tx) => {
    await server.storage.lockKeys(tx, [operatorsLockKey(dealerId)]);
    const found = await findOperatorClash(tx, dealerId, row);
    if (found.isNameTaken || found.isPinTaken) return found;
    await insertOperator(tx, row);
    await appendAudit(tx, now, {
      event: 'operator.created',
      actor: actor.id,
      licence,
      subject: row.id,
      detail: { displayName },
    });
    return undefined;
  });
  if (clash) {
    await refuse(server, actor, 409, clashError(clash), { route: 'operator.create' }, { licence });
  }
  return operatorView(row);
}

/** `GET /api/operators?licence=`: the dealer's operators, disabled ones included. */
export async function listOperators(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<{ operators: Operator[] }> {
  const parsed = operatorListQuerySchema.safeParse(query);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const { dealerId } = await requireAdministration(
    server,
    actor,
    parsed.data.licence,
    'accounts.manage_generic',
    { route: 'operator.list' },
  );
  const operators = await operatorsOfDealer(server.storage.db, dealerId);
  return { operators: operators.map(operatorView) };
}

/**
 * `PATCH /api/operators/[id]`: renames, changes the PIN or disables an operator of a dealer
 * the actor manages (another dealer's operator answers 404). Setting what is already set
 * changes nothing but the audit.
 */
export async function updateOperator(
  server: ServerContext,
  actor: SessionAccount,
  params: Record<string, string>,
  body: unknown,
): Promise<Operator> {
  const id = uuidv7Schema.safeParse(params.id);
  const parsed = operatorUpdateSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const row = id.success ? await findStoredOperator(server.storage.db, id.data) : undefined;
  const licence = row ? await licenceOfDealer(server, actor, row.dealerId) : undefined;
  if (!row || !licence) {
    return refuse(server, actor, 404, 'not_found', { route: 'operator.update' });
  }
  const { displayName, pin, disabled } = parsed.data;
  const now = server.clock();
  const updated: OperatorRecord = {
    ...row,
    ...(displayName !== undefined && { displayName }),
    ...(pin !== undefined && {
      pinHash: await hashPassword(pin),
      pinCipher: encryptSecret(server.secretKey, pin),
      pinKey: operatorPinKey(server.secretKey, row.dealerId, pin),
    }),
    ...(disabled !== undefined && { isDisabled: disabled }),
    updatedAt: now.toISOString(),
  };
  const clash = await server.storage.writeTransaction(async (tx) => {
    await server.storage.lockKeys(tx, [operatorsLockKey(row.dealerId)]);
    // A disabled operator holds nothing; one enabled (again) must not take another's name or PIN.
    if (!updated.isDisabled) {
      const found = await findOperatorClash(tx, row.dealerId, updated, row.id);
      if (found.isNameTaken || found.isPinTaken) return found;
    }
    await replaceOperator(tx, updated);
    await appendAudit(tx, now, {
      event: 'operator.updated',
      actor: actor.id,
      licence,
      subject: row.id,
      detail: {
        displayName: displayName ?? null,
        pinChanged: pin !== undefined,
        disabled: disabled ?? null,
      },
    });
    return undefined;
  });
  if (clash) {
    await refuse(server, actor, 409, clashError(clash), { route: 'operator.update' }, { licence });
  }
  return operatorView(updated);
}

/** Serializes the checks and writes of one dealer's operators (PostgreSQL; SQLite has one writer). */
function operatorsLockKey(dealerId: string): string {
  return `operators:${dealerId}`;
}

/**
 * 409 `operator_taken`, naming the field(s) another operator holds. The PIN refusal never says
 * whose PIN it is: the administrator picks another one.
 */
function clashError(clash: OperatorClash) {
  return apiError('operator_taken', [
    ...(clash.isNameTaken ? [fieldError('displayName', 'operator_name_taken')] : []),
    ...(clash.isPinTaken ? [fieldError('pin', 'operator_pin_taken')] : []),
  ]);
}

/** A licence of the dealer under which the actor manages operators, if any. */
async function licenceOfDealer(
  server: ServerContext,
  actor: SessionAccount,
  dealerId: string,
): Promise<string | undefined> {
  const licences = await licenceNumbersOfDealer(server.storage.db, dealerId);
  return licences.find((licence) => authorizeLicence(actor, licence, 'accounts.manage_generic'));
}

/** The salt of one operator's verifier on one kiosk (keyed: it cannot be guessed ahead). */
function verifierSalt(server: ServerContext, kioskId: string, operatorId: string): string {
  return createHmac('sha256', server.secretKey)
    .update(`operator-pin:${kioskId}:${operatorId}`)
    .digest('base64url');
}

/**
 * `GET /api/operators/verifiers?licence=&kioskId=`: for a person signed in on the kiosk under
 * the licence (the generic account), the dealer's enabled operators with a PIN verifier salted
 * for that kiosk, so the kiosk checks PINs offline. No operators: the dealer does not use PINs.
 */
export async function operatorVerifiers(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<{ operators: OperatorVerifier[] }> {
  const parsed = operatorVerifiersQuerySchema.safeParse(query);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const { licence, kioskId } = parsed.data;
  if (!actsFor(actor, licence)) {
    await refuse(server, actor, 403, 'licence_not_permitted', { route: 'operator.verifiers' });
  }
  const pins = await enabledOperatorPins(server.storage.db, licence);
  const operators = await Promise.all(
    pins.map(async (row) => {
      const salt = verifierSalt(server, kioskId, row.id);
      const pin = decryptSecret(server.secretKey, row.pinCipher);
      const verifier = await derive(pin, salt, OPERATOR_VERIFIER_ITERATIONS, 32, 'sha256');
      return {
        operatorId: row.id,
        displayName: row.displayName,
        salt,
        iterations: OPERATOR_VERIFIER_ITERATIONS,
        verifier: verifier.toString('base64url'),
      };
    }),
  );
  return { operators };
}
