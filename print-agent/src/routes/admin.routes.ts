import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { agentError } from '../errors.js';
import { requireCaller } from '../http/auth.js';
import { parseWith } from '../http/validate.js';
import { toCheckDecisionSchema } from '../jobs/job-request.schema.js';
import { renderTestPage } from '../render/test-page.js';
import { renderAdminPage } from './admin-page.js';

const testPageSchema = z.object({ printer: z.string().min(1).max(40) }).strict();

/**
 * The admin status page (pairing code, printers, recent jobs) and its two actions: print a
 * TEST page, decide a job "to check". Forms post back here; the CORS guard already refuses any
 * other site's origin, so a cross-site form cannot use the browser's Basic credentials.
 */
export function adminRoutes(deps: AppDeps) {
  const admin = requireCaller('admin', deps);
  const page = async (notice?: string): Promise<string> => {
    const statuses = await deps.queue.refreshAll();
    return renderAdminPage({
      pairing: deps.pairing.current(),
      printers: deps.printers.map((printer) => ({ printer, status: statuses.get(printer.id) })),
      jobs: deps.ledger.list({ limit: 30 }),
      ...(notice === undefined ? {} : { notice }),
    });
  };
  return new Hono()
    .get('/admin', admin, async (c) => c.html(await page()))
    .post('/admin/test-page', admin, async (c) => {
      const parsed = parseWith(testPageSchema, await c.req.parseBody());
      const printer = parsed.ok
        ? deps.printers.find((p) => p.id === parsed.data.printer)
        : undefined;
      const driver = printer ? deps.drivers.get(printer.id) : undefined;
      if (!printer || !driver) return c.json(agentError('printer_unknown'), 400);
      const bytes = await renderTestPage(printer.name, driver.format, deps.now?.() ?? new Date());
      try {
        const result = await driver.send(bytes, {
          title: `test-page_${Date.now()}`,
          timeoutMs: 30_000,
        });
        return c.html(await page(`Page de test envoyée (${result}) / Test page sent (${result})`));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        return c.html(await page(`Échec de la page de test / Test page failed: ${why}`), 502);
      }
    })
    .post('/admin/jobs/:id/decision', admin, async (c) => {
      const parsed = parseWith(toCheckDecisionSchema, await c.req.parseBody());
      if (!parsed.ok) return c.json(parsed.error, 400);
      const job = deps.ledger.decideToCheck(c.req.param('id'), parsed.data.decision);
      if (!job) return c.json(agentError('job_not_to_check'), 409);
      deps.queue.kick(job.printer);
      return c.html(await page(`${job.documentNumber} : ${parsed.data.decision}`));
    });
}
