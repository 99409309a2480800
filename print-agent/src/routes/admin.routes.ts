import {
  apiError,
  newId,
  testPageRequestSchema,
  toCheckDecisionSchema,
  type TestPageResult,
} from '@comptoir/shared';
import { Hono, type Context } from 'hono';
import { accepts } from 'hono/accepts';
import type { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { sendFailureReason } from '../drivers/printer-driver.js';
import { requireCaller } from '../http/auth.js';
import { readJsonBody, type JsonBody } from '../http/json-body.js';
import { parseWith, type Parsed } from '../http/validate.js';
import { renderTestPage } from '../render/test-page.js';
import { KIOSK_REVOKED_REASON } from '../jobs/job-gate.js';
import { renderAdminPage } from './admin-page.js';

/** A script (`Accept: application/json`) gets JSON; the page's forms get the page again. */
function wantsJson(c: Context): boolean {
  const type = accepts(c, {
    header: 'Accept',
    supports: ['text/html', 'application/json'],
    default: 'text/html',
  });
  return type === 'application/json';
}

/** The page's forms post urlencoded fields; a script may post JSON (depth bounded). */
async function formOrJson(c: Context): Promise<JsonBody> {
  if (c.req.header('content-type')?.startsWith('application/json')) return readJsonBody(c);
  return { ok: true, value: await c.req.parseBody() };
}

/** Reads the form or JSON body and parses it with `schema`. */
async function parseFormOrJson<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<Parsed<z.output<S>>> {
  const body = await formOrJson(c);
  return body.ok ? parseWith(schema, body.value) : body;
}

/**
 * The admin status page (pairing code, paired kiosks, printers, recent jobs) and its actions:
 * a new pairing code, revoke a kiosk, print a TEST page, decide a job "to check". Forms post back here; the CORS guard already refuses any
 * other site's origin, so a cross-site form cannot use the browser's Basic credentials.
 */
export function adminRoutes(deps: AppDeps) {
  const admin = requireCaller('admin', deps);
  const page = async (notice?: string): Promise<string> => {
    const statuses = await deps.queue.refreshAll();
    return renderAdminPage({
      pairing: deps.pairing.current(),
      isPairingLocked: deps.pairing.isLocked(),
      kiosks: deps.pairing.kiosks(),
      printers: deps.printers.map((printer) => ({ printer, status: statuses.get(printer.id) })),
      jobs: deps.ledger.list({ limit: 30 }),
      ...(notice === undefined ? {} : { notice }),
    });
  };
  return new Hono()
    .get('/admin', admin, async (c) => c.html(await page()))
    .post('/admin/test-page', admin, async (c) => {
      const parsed = await parseFormOrJson(c, testPageRequestSchema);
      if (!parsed.ok) return c.json(parsed.error, 400);
      const printer = deps.printers.find((p) => p.id === parsed.data.printer);
      const driver = printer ? deps.drivers.get(printer.id) : undefined;
      if (!printer || !driver) return c.json(apiError('printer_unknown'), 400);
      // A test page never enters the ledger; its id names it in the printer's own queue.
      const jobId = newId();
      const bytes = await renderTestPage(printer.name, driver.format, deps.now?.() ?? new Date());
      let result: TestPageResult;
      try {
        const status = await driver.send(bytes, { title: `test-page_${jobId}`, timeoutMs: 30_000 });
        result = { status, jobId };
      } catch (error) {
        result = { status: 'failed', jobId, reason: sendFailureReason(error) };
      }
      const httpStatus = result.status === 'failed' ? 502 : 200;
      if (wantsJson(c)) return c.json(result, httpStatus);
      const notice = result.reason
        ? `Échec de la page de test / Test page failed: ${result.reason.fr} / ${result.reason.en}`
        : `Page de test envoyée (${result.status}) / Test page sent (${result.status})`;
      return c.html(await page(notice), httpStatus);
    })
    .post('/admin/pairing/rotate', admin, async (c) => {
      const code = deps.pairing.rotate();
      if (wantsJson(c)) return c.json({ code: code.code, expiresAt: code.expiresAt.toISOString() });
      return c.html(await page('Nouveau code de jumelage / New pairing code'));
    })
    .get('/admin/kiosks', admin, (c) => c.json({ kiosks: deps.pairing.kiosks() }))
    .post('/admin/kiosks/:id/revoke', admin, async (c) => {
      const kiosk = deps.pairing.kiosks().find((k) => k.id === c.req.param('id'));
      if (!kiosk || !deps.pairing.revoke(kiosk.id)) return c.json(apiError('kiosk_unknown'), 404);
      // Its jobs not yet at a printer end now, with the reason (the queue's gate is the backstop).
      deps.ledger.failWaitingJobsOfKiosk(kiosk.id, KIOSK_REVOKED_REASON);
      if (wantsJson(c)) return c.json({ revoked: kiosk });
      return c.html(await page(`Borne révoquée / Kiosk revoked : ${kiosk.label}`));
    })
    .post('/admin/jobs/:id/decision', admin, async (c) => {
      const parsed = await parseFormOrJson(c, toCheckDecisionSchema);
      if (!parsed.ok) return c.json(parsed.error, 400);
      const job = deps.ledger.decideToCheck(c.req.param('id'), parsed.data.decision);
      if (!job) return c.json(apiError('job_not_to_check'), 409);
      deps.queue.kick(job.printer);
      return c.html(await page(`${job.documentNumber} : ${parsed.data.decision}`));
    });
}
