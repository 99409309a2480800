import type { AgentPrinterList } from '@comptoir/shared';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { requireCaller } from '../http/auth.js';

/** `GET /printers`: each printer's state and, when it is not ready, why. */
export function printerRoutes(deps: AppDeps) {
  return new Hono().get('/printers', requireCaller('kiosk_or_admin', deps), async (c) => {
    const statuses = await deps.queue.refreshAll();
    const body: AgentPrinterList = {
      printers: deps.printers.map((printer) => ({
        id: printer.id,
        name: printer.name,
        driver: printer.driver,
        roles: printer.roles,
        paper: printer.paper,
        fallback: printer.fallback ?? null,
        status: statuses.get(printer.id) ?? null,
      })),
    };
    return c.json(body);
  });
}
