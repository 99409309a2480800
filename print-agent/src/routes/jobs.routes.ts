import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { requireCaller } from '../http/auth.js';
import { bearerTokenOf } from '../http/secrets.js';
import { parseJsonBody, parseWith } from '../http/validate.js';
import { nextJobState } from '../jobs/job-wait.service.js';
import { submitJob } from '../jobs/submit-job.service.js';
import {
  apiError,
  jobListQuerySchema,
  jobWaitQuerySchema,
  jobRequestSchema,
  type PrintJobList,
  toCheckDecisionSchema,
  uuidSchema,
} from '@comptoir/shared';

/** The job API: submit, read, list (the ledger), and decide a job "to check". */
export function jobRoutes(deps: AppDeps) {
  const kiosk = requireCaller('kiosk', deps);
  const kioskOrAdmin = requireCaller('kiosk_or_admin', deps);
  return new Hono()
    .post('/jobs', kiosk, async (c) => {
      const parsed = await parseJsonBody(c, jobRequestSchema);
      if (!parsed.ok) return c.json(parsed.error, 400);
      const token = bearerTokenOf(c.req.header('authorization'));
      const kioskId = token === undefined ? null : deps.pairing.kioskIdOf(token);
      const outcome = await submitJob(deps, parsed.data, kioskId);
      if (outcome.kind === 'refused') return c.json(outcome.error, outcome.status);
      return c.json(outcome.job, outcome.kind === 'created' ? 202 : 200);
    })
    .get('/jobs', kioskOrAdmin, (c) => {
      const parsed = parseWith(jobListQuerySchema, c.req.query());
      if (!parsed.ok) return c.json(parsed.error, 400);
      return c.json({ jobs: deps.ledger.list(parsed.data) } satisfies PrintJobList);
    })
    .get('/jobs/:id', kioskOrAdmin, async (c) => {
      const id = parseWith(uuidSchema, c.req.param('id'));
      const query = parseWith(jobWaitQuerySchema, c.req.query());
      if (!query.ok) return c.json(query.error, 400);
      const job = id.ok ? deps.ledger.get(id.data) : undefined;
      if (!job) return c.json(apiError('not_found'), 404);
      return c.json(await nextJobState(deps, job, query.data, c.req.raw.signal));
    })
    .post('/jobs/:id/confirm-reprint', kioskOrAdmin, async (c) => {
      const parsed = await parseJsonBody(c, toCheckDecisionSchema);
      if (!parsed.ok) return c.json(parsed.error, 400);
      const id = c.req.param('id');
      if (!deps.ledger.get(id)) return c.json(apiError('not_found'), 404);
      const job = deps.ledger.decideToCheck(id, parsed.data.decision);
      if (!job) return c.json(apiError('job_not_to_check'), 409);
      deps.queue.kick(job.printer);
      return c.json(job);
    });
}
