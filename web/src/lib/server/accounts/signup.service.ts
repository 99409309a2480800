import {
  administratorSignupSchema,
  employeeSignupSchema,
  fromZodError,
  newId,
  type SignupResponse,
} from '@comptoir/shared';
import { createHmac } from 'node:crypto';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import { HttpError } from '../http/responses.js';
import { Refusal, refusal, refuseDecided } from '../http/authorize.js';
import { hashPassword } from './password.js';
import { reserveOrRefuse } from './sign-in.service.js';
import { accessCodeKey, releaseAfterSuccess } from './signin-throttle.js';

/** The enterprise registry's legal form of a sole proprietorship (particulier en affaires). */
export const SOLE_PROPRIETORSHIP = 'sole_proprietorship';

/** The keyed hash under which an access code is kept (a leaked table reveals no code). */
export function accessCodeHash(secretKey: Buffer, code: string): string {
  return createHmac('sha256', secretKey).update(`access-code:${code}`).digest('hex');
}

/** Names compared as people type them: accents, case, dashes and extra spaces ignored. */
function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface NewAccount {
  username: string;
  passwordHash: string;
  displayName: string;
  role: 'administrator' | 'accredited_employee';
  dealerId: string;
  person: { driverLicence: string; firstName: string; lastName: string };
}

/** The checks both sign-ups share: one account per person, usernames unique. */
async function accountConflict(
  tx: Tx,
  username: string,
  driverLicence: string,
): Promise<Refusal | null> {
  const person = await tx
    .selectFrom('account_people')
    .select('account_id')
    .where('driver_licence', '=', driverLicence)
    .executeTakeFirst();
  if (person) return refusal(409, 'person_has_account', ['driverLicence']);
  const taken = await tx
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  return taken ? refusal(409, 'username_taken', ['username']) : null;
}

/** Creates a personal account acting for every licence of its dealer, with its role there. */
async function insertPersonalAccount(
  tx: Tx,
  now: Date,
  account: NewAccount,
): Promise<SignupResponse> {
  const id = newId();
  await tx
    .insertInto('accounts')
    .values({
      id,
      username: account.username,
      password_hash: account.passwordHash,
      display_name: account.displayName,
      role: account.role,
      dealer_id: account.dealerId,
      kind: 'personal',
      is_disabled: 0,
      created_at: now.toISOString(),
    })
    .execute();
  await tx
    .insertInto('account_people')
    .values({
      account_id: id,
      driver_licence: account.person.driverLicence,
      first_name: account.person.firstName,
      last_name: account.person.lastName,
    })
    .execute();
  const licences = await tx
    .selectFrom('licences')
    .select('number')
    .where('dealer_id', '=', account.dealerId)
    .orderBy('number')
    .execute();
  for (const { number } of licences) {
    await tx
      .insertInto('account_licences')
      .values({ account_id: id, licence: number, role: account.role })
      .execute();
    await appendAudit(tx, now, {
      event: 'account.signed_up',
      actor: id,
      licence: number,
      subject: account.username,
      detail: { role: account.role },
    });
  }
  return { accountId: id, username: account.username, licences: licences.map((row) => row.number) };
}

/**
 * `POST /api/signup/administrator` (docs/domain.md#administrator-first): the dealer's administrator
 * signs up first. The NEQ must be a dealer's, and the person must be listed as one of the
 * enterprise's administrators at the enterprise registry (names and driving licence), unless
 * the enterprise is a sole proprietorship in the person's own name. Each refusal names the
 * rule and the fields; all are audited; a refusal writes nothing.
 */
export async function signUpAdministrator(
  ctx: ServerContext,
  body: unknown,
  clientAddress: string,
): Promise<SignupResponse> {
  const parsed = administratorSignupSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const input = parsed.data;
  const now = ctx.clock();
  const passwordHash = await hashPassword(input.password);
  const { storage } = ctx;
  const outcome = await storage.writeTransaction(async (tx): Promise<SignupResponse | Refusal> => {
    await storage.lockKeys(tx, [`signup:${input.neq}`, `person:${input.driverLicence}`]);
    const enterprise = await tx
      .selectFrom('enterprises')
      .selectAll()
      .where('neq', '=', input.neq)
      .executeTakeFirst();
    if (!enterprise) return refusal(422, 'signup_enterprise_unknown', ['neq']);
    const dealer = await tx
      .selectFrom('dealers')
      .select(['id'])
      .where('neq', '=', input.neq)
      .executeTakeFirst();
    if (!dealer) return refusal(422, 'signup_not_a_dealer', ['neq']);
    const fullName = normalizeName(`${input.firstName} ${input.lastName}`);
    const administrators = await tx
      .selectFrom('enterprise_administrators')
      .selectAll()
      .where('neq', '=', input.neq)
      .execute();
    const listed = administrators.find(
      (admin) =>
        admin.driver_licence === input.driverLicence &&
        normalizeName(`${admin.first_name} ${admin.last_name}`) === fullName,
    );
    const isSoleProprietor =
      enterprise.legal_form === SOLE_PROPRIETORSHIP && normalizeName(enterprise.name) === fullName;
    if (!listed && !isSoleProprietor) {
      return refusal(422, 'signup_not_administrator', ['firstName', 'lastName', 'driverLicence']);
    }
    const existing = await tx
      .selectFrom('accounts')
      .select('id')
      .where('dealer_id', '=', dealer.id)
      .where('role', '=', 'administrator')
      .executeTakeFirst();
    if (existing) return refusal(409, 'signup_administrator_exists', ['neq']);
    const conflict = await accountConflict(tx, input.username, input.driverLicence);
    if (conflict) return conflict;
    return insertPersonalAccount(tx, now, {
      username: input.username,
      passwordHash,
      // Greeted as the registry spells the name ("Paul Lavoie"), not as typed ("paul LAVOIE").
      displayName: listed ? `${listed.first_name} ${listed.last_name}` : enterprise.name,
      role: 'administrator',
      dealerId: dealer.id,
      person: input,
    });
  });
  if (outcome instanceof Refusal) {
    return refuseDecided(ctx, now, 'signup.administrator.refused', outcome, {
      subject: input.username,
      detail: { neq: input.neq, clientAddress },
    });
  }
  return outcome;
}

/**
 * `POST /api/signup/employee` (rule 3): an accredited dealer's employee signs up with the
 * personal access code the authority issued to them. The code is single use, expires, and is
 * bound to the person it was issued to (names and driving licence): it cannot be passed on.
 * The dealer's administrator account must exist first. Wrong codes count against the
 * address's sign-in limits (guessing codes is guessing passwords).
 */
export async function signUpEmployee(
  ctx: ServerContext,
  body: unknown,
  clientAddress: string,
): Promise<SignupResponse> {
  const parsed = employeeSignupSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const input = parsed.data;
  const now = ctx.clock();
  // Reserved before the code is checked: guessing codes is guessing passwords.
  const keys = [accessCodeKey(clientAddress)];
  await reserveOrRefuse(ctx, keys, now, { subject: input.username, clientAddress });
  const passwordHash = await hashPassword(input.password);
  const codeHash = accessCodeHash(ctx.secretKey, input.accessCode);
  const { storage } = ctx;
  const outcome = await storage.writeTransaction(async (tx): Promise<SignupResponse | Refusal> => {
    await storage.lockKeys(tx, [`access-code:${codeHash}`, `person:${input.driverLicence}`]);
    const code = await tx
      .selectFrom('access_codes as c')
      .innerJoin('dealers as d', 'd.id', 'c.dealer_id')
      .select([
        'c.id',
        'c.dealer_id',
        'c.first_name',
        'c.last_name',
        'c.driver_licence',
        'c.expires_at',
        'c.used_at',
        'd.is_accredited',
      ])
      .where('c.code_hash', '=', codeHash)
      .executeTakeFirst();
    const isForThisPerson =
      code !== undefined &&
      code.driver_licence === input.driverLicence &&
      normalizeName(`${code.first_name} ${code.last_name}`) ===
        normalizeName(`${input.firstName} ${input.lastName}`);
    if (
      !code ||
      code.used_at !== null ||
      code.expires_at <= now.toISOString() ||
      !isForThisPerson
    ) {
      return refusal(422, 'access_code_invalid', ['accessCode']);
    }
    if (code.is_accredited !== 1) return refusal(422, 'dealer_not_accredited', ['accessCode']);
    const administrator = await tx
      .selectFrom('accounts')
      .select('id')
      .where('dealer_id', '=', code.dealer_id)
      .where('role', '=', 'administrator')
      .executeTakeFirst();
    if (!administrator) return refusal(422, 'signup_administrator_missing', ['accessCode']);
    const conflict = await accountConflict(tx, input.username, input.driverLicence);
    if (conflict) return conflict;
    const created = await insertPersonalAccount(tx, now, {
      username: input.username,
      passwordHash,
      // As the authority wrote the name when it issued the code, not as typed at sign-up.
      displayName: `${code.first_name} ${code.last_name}`,
      role: 'accredited_employee',
      dealerId: code.dealer_id,
      person: input,
    });
    await tx
      .updateTable('access_codes')
      .set({ used_at: now.toISOString(), used_by: created.accountId })
      .where('id', '=', code.id)
      .execute();
    return created;
  });
  // Only a wrong code keeps its attempt: a right code with a taken username is no guess.
  if (!(outcome instanceof Refusal) || outcome.code !== 'access_code_invalid') {
    await releaseAfterSuccess(storage.db, keys);
  }
  if (outcome instanceof Refusal) {
    return refuseDecided(ctx, now, 'signup.employee.refused', outcome, {
      subject: input.username,
      detail: { clientAddress },
    });
  }
  return outcome;
}
