import {
  licenceCheckQuerySchema,
  licenceQuerySchema,
  rightToRegisterQuerySchema,
  type LicenceCheckResult,
  type RightToRegisterResult,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { requireLicenceAction } from '../http/authorize.js';
import { parseRequest } from '../http/request-input.js';
import { findRegistryPerson, isKnownEnterprise } from '../registry/vehicles.repo.js';

/**
 * Audits a lookup of personal data: who looked up whom, under which licence, and the answer
 * given (the answer only: the registry's reasons never leave it).
 */
async function auditLookup(
  server: ServerContext,
  actor: SessionAccount,
  licence: string,
  event: string,
  subject: string,
  answer: Record<string, unknown>,
): Promise<void> {
  const now = server.clock();
  await server.storage.writeTransaction((tx) =>
    appendAudit(tx, now, { event, actor: actor.id, licence, subject, detail: answer }),
  );
}

/**
 * `POST /api/checks/driver-licence?licence=` (free, every dealer role, online only): whether a
 * driving licence is valid and, when it is not, only its category (suspended, expired, or
 * unknown to the registry). Never the holder's name or date of birth.
 */
export async function checkDriverLicence(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
  body: unknown,
): Promise<LicenceCheckResult> {
  const route = 'checks.driver_licence';
  const { licence } = await parseRequest(server, actor, route, licenceQuerySchema, query);
  await requireLicenceAction(server, actor, licence, 'licence.check', { route });
  const { driverLicence } = await parseRequest(server, actor, route, licenceCheckQuerySchema, body);
  const person = await findRegistryPerson(server.storage.db, driverLicence);
  const status = person?.licenceStatus;
  const answer: LicenceCheckResult =
    status === 'valid'
      ? { valid: true }
      : {
          valid: false,
          category: status === 'suspended' || status === 'expired' ? status : 'unknown',
        };
  await auditLookup(server, actor, licence, 'check.driver_licence', driverLicence, answer);
  return answer;
}

/**
 * `POST /api/checks/right-to-register?licence=` (free, every dealer role, online only): a
 * person (by driving licence) may register unless the registry blocks it (unpaid fines, HSC
 * s.194); a business (by NEQ) may when the enterprise registry knows it. Unknown people are
 * not allowed. Answers allowed or not, never why.
 */
export async function checkRightToRegister(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
  body: unknown,
): Promise<RightToRegisterResult> {
  const route = 'checks.right_to_register';
  const { licence } = await parseRequest(server, actor, route, licenceQuerySchema, query);
  await requireLicenceAction(server, actor, licence, 'right_to_register.check', { route });
  const subject = await parseRequest(server, actor, route, rightToRegisterQuerySchema, body);
  const { db } = server.storage;
  let allowed: boolean;
  let key: string;
  if ('driverLicence' in subject) {
    key = subject.driverLicence;
    const person = await findRegistryPerson(db, key);
    allowed = person !== undefined && !person.isRegistrationBlocked;
  } else {
    key = subject.neq;
    allowed = await isKnownEnterprise(db, key);
  }
  const answer: RightToRegisterResult = { allowed };
  await auditLookup(server, actor, licence, 'check.right_to_register', key, answer);
  return answer;
}
