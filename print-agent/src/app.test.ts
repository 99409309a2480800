import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from './routes/openapi.js';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  agentPrinterListSchema,
  apiErrorSchema,
  pairResponseSchema,
  printJobListSchema,
  printJobSchema,
  printerSchema,
  testPageResultSchema,
} from '@comptoir/shared';
import { DriverError, type PrinterDriver } from './drivers/printer-driver.js';
import { createTemplateRenderer } from './render/template-renderer.js';
import { createTestSigner, provisionalPlate, type TestSigner } from './testing/documents.js';
import { FakePrinter } from './testing/fake-printer.js';
import {
  ADMIN_SECRET,
  TEST_ORIGIN,
  createTestAgent,
  eventually,
  rawPrinter,
  type TestAgent,
} from './testing/test-agent.js';

let signer: TestSigner;
let printer: FakePrinter;
let agent: TestAgent;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  signer = await createTestSigner();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(
  options: Parameters<typeof createTestAgent>[0] extends infer O ? Partial<O> : never = {},
): Promise<void> {
  printer = await FakePrinter.start();
  cleanups.push(() => printer.close());
  agent = await createTestAgent({
    signer,
    printers: [rawPrinter('front', printer.port)],
    ...options,
  });
  cleanups.push(() => agent.dispose());
}

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    agent.app.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${agent.token}`,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function jobBody(
  overrides: Record<string, unknown> = {},
  document = provisionalPlate(signer.key.kid),
) {
  return {
    jobId: randomUUID(),
    document: await signer.sign(document),
    role: 'plate',
    ...overrides,
  };
}

async function errorOf(response: Response) {
  return apiErrorSchema.parse(await response.json());
}

async function stateOf(jobId: string): Promise<string> {
  const response = await agent.app.request(`/jobs/${jobId}`, {
    headers: { authorization: `Bearer ${agent.token}` },
  });
  const body: unknown = await response.json();
  return typeof body === 'object' && body !== null && 'state' in body
    ? String(body.state)
    : 'missing';
}

describe('pairing', () => {
  it('trades the one-time code for a token, then rotates the code', async () => {
    await setUp();
    const wrong = await post('/pair', { code: '00000000x' }, { authorization: '' });
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).code).toBe('pairing_code_invalid');
    const code = agent.deps.pairing.current().code;
    const paired = await post('/pair', { code, label: 'Borne 2' }, { authorization: '' });
    expect(paired.status).toBe(201);
    const { token } = pairResponseSchema.parse(await paired.json());
    expect(agent.deps.pairing.isValidToken(token)).toBe(true);
    const again = await post('/pair', { code }, { authorization: '' });
    expect(again.status).toBe(403);
  });
});

describe('POST /jobs', () => {
  it('refuses a job without a kiosk token (401) or with an unknown one', async () => {
    await setUp();
    const none = await post('/jobs', await jobBody(), { authorization: '' });
    expect(none.status).toBe(401);
    expect((await errorOf(none)).code).toBe('kiosk_token_required');
    const unknown = await post('/jobs', await jobBody(), { authorization: 'Bearer cpk_nope' });
    expect((await errorOf(unknown)).code).toBe('kiosk_token_invalid');
    expect(agent.deps.ledger.list()).toHaveLength(0);
  });

  it('prints a verified document once, as ORIGINAL, and reports it spooled', async () => {
    await setUp();
    const document = provisionalPlate(signer.key.kid);
    const body = await jobBody({}, document);
    const response = await post('/jobs', body);
    expect(response.status).toBe(202);
    const [received] = await printer.waitForJobs(1);
    expect(received?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(received?.bytes.toString('latin1')).toContain(
      `ORIGINAL provisional_plate ${document.number}`,
    );
    await eventually(async () => (await stateOf(body.jobId)) === 'spooled');
    expect(await stateOf(body.jobId)).toBe('spooled');
  });

  it('answers the same jobId with the same job and prints nothing more; another body is a conflict', async () => {
    await setUp();
    const body = await jobBody();
    expect((await post('/jobs', body)).status).toBe(202);
    await printer.waitForJobs(1);
    const again = await post('/jobs', body);
    expect(again.status).toBe(200);
    expect(printJobSchema.parse(await again.json()).jobId).toBe(body.jobId);
    const conflict = await post('/jobs', { ...body, copies: 2 });
    expect(conflict.status).toBe(409);
    expect((await errorOf(conflict)).code).toBe('idempotency_conflict');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(printer.jobs).toHaveLength(1);
  });

  it('refuses forged, altered, unknown-key and expired documents, and prints nothing', async () => {
    await setUp();
    const stranger = await createTestSigner();
    const genuine = await signer.sign(provisionalPlate(signer.key.kid));
    const [header, payload, signature] = genuine.split('.');
    const altered = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    altered.plateNumber = 'FAUX01';
    const cases: [string, string][] = [
      ['token_malformed', 'not-a-jws'],
      // Unsigned (`alg: none`): an algorithm swap, refused as a bad signature.
      ['token_bad_signature', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`],
      [
        'token_bad_signature',
        `${header}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`,
      ],
      ['token_unknown_key', await stranger.sign(provisionalPlate(stranger.key.kid))],
      [
        'token_expired',
        await signer.sign(
          provisionalPlate(signer.key.kid, {
            issuedAt: '2024-01-01T12:00:00.000Z',
            expiresAt: '2024-02-15T12:00:00.000Z',
          }),
        ),
      ],
    ];
    for (const [code, document] of cases) {
      const response = await post('/jobs', { jobId: randomUUID(), document, role: 'plate' });
      expect(response.status, code).toBe(422);
      const error = await errorOf(response);
      expect(error.code).toBe(code);
      expect(error.fields[0]?.path).toBe('document');
      expect(error.message.fr.length).toBeGreaterThan(0);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(printer.jobs).toHaveLength(0);
    expect(agent.deps.ledger.list()).toHaveLength(0);
  });

  it('lists every failing field at once, in French and English', async () => {
    await setUp();
    const response = await post('/jobs', { jobId: 'nope', document: '', copies: 9, extra: 1 });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_input');
    expect(error.fields.map((f) => f.path).sort()).toEqual(
      expect.arrayContaining(['copies', 'document', 'extra', 'jobId']),
    );
    const notJson = await post('/jobs', '{"jobId":');
    expect(notJson.status).toBe(400);
  });

  it('answers 413 to a body over 1 MB', async () => {
    await setUp();
    const response = await post('/jobs', {
      jobId: randomUUID(),
      document: 'x'.repeat(1_100_000),
      role: 'plate',
    });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
  });

  it('prints COPY on reprint, when the ledger shows the number printed, and after the first sheet', async () => {
    await setUp();
    const document = provisionalPlate(signer.key.kid);
    await post('/jobs', await jobBody({ copies: 2 }, document));
    await post('/jobs', await jobBody({}, document));
    await post('/jobs', await jobBody({ reprint: true }));
    const jobs = await printer.waitForJobs(4);
    const marks = jobs.map((j) => /(ORIGINAL|COPY) /.exec(j.bytes.toString('latin1'))?.[1]);
    expect(marks).toEqual(['ORIGINAL', 'COPY', 'COPY', 'COPY']);
  });

  it('holds the queue while the printer is off, says why, and prints once it is back', async () => {
    await setUp();
    const port = printer.port;
    await printer.close();
    const body = await jobBody();
    expect((await post('/jobs', body)).status).toBe(202);
    await eventually(async () => (await stateOf(body.jobId)) === 'held');
    const job = agent.deps.ledger.get(body.jobId);
    expect(job?.reason?.code).toBe('printer_offline');
    expect(job?.reason?.fr).toMatch(/injoignable/);
    const printers = await agent.app.request('/printers', {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(JSON.stringify(await printers.json())).toContain('"state":"offline"');
    printer = await FakePrinter.startOn(port);
    cleanups.push(() => printer.close());
    await printer.waitForJobs(1);
    await eventually(async () => (await stateOf(body.jobId)) === 'spooled');
  });

  it('never sends again a job the printer stopped answering mid-way: a person checks it', async () => {
    printer = await FakePrinter.start({ isStuck: true });
    cleanups.push(() => printer.close());
    agent = await createTestAgent({
      signer,
      printers: [rawPrinter('front', printer.port)],
      policy: { baseTimeoutMs: 150, maxAttempts: 5, baseRetryDelayMs: 20 },
    });
    cleanups.push(() => agent.dispose());
    const body = await jobBody();
    await post('/jobs', body);
    await eventually(async () => (await stateOf(body.jobId)) === 'to_check');
    expect(agent.deps.ledger.get(body.jobId)?.reason?.code).toBe('printer_timeout');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(printer.jobs).toHaveLength(1);
  });

  it('retries with backoff when nothing printed, then fails the job with the reason', async () => {
    let sends = 0;
    const refusing: PrinterDriver = {
      kind: 'cups',
      format: 'pdf',
      send: () => {
        sends += 1;
        return Promise.reject(new DriverError('cups_refused', { fr: 'Refusé.', en: 'Refused.' }));
      },
      status: () => Promise.resolve({ state: 'ready', reason: null }),
    };
    const front = printerSchema.parse({
      id: 'front',
      name: 'lp',
      driver: 'cups',
      queue: 'x',
      roles: ['plate'],
    });
    agent = await createTestAgent({
      signer,
      printers: [front],
      drivers: new Map([['front', refusing]]),
      policy: { maxAttempts: 3, baseRetryDelayMs: 20 },
    });
    cleanups.push(() => agent.dispose());
    const body = await jobBody();
    await post('/jobs', body);
    await eventually(async () => (await stateOf(body.jobId)) === 'failed');
    expect(agent.deps.ledger.get(body.jobId)).toMatchObject({
      attempts: 3,
      reason: { code: 'cups_refused' },
    });
    expect(sends).toBe(3);
  });

  it('routes by role to the fallback printer when the primary is off', async () => {
    const backup = await FakePrinter.start();
    cleanups.push(() => backup.close());
    const dead = await FakePrinter.start();
    const deadPort = dead.port;
    await dead.close();
    printer = backup;
    agent = await createTestAgent({
      signer,
      printers: [
        rawPrinter('main', deadPort, { roles: ['plate'], fallback: 'backup' }),
        rawPrinter('backup', backup.port, { roles: [] }),
      ],
    });
    cleanups.push(() => agent.dispose());
    const response = await post('/jobs', await jobBody());
    expect(printJobSchema.parse(await response.json()).printer).toBe('backup');
    await backup.waitForJobs(1);
    const unknown = await post('/jobs', await jobBody({ role: undefined, printer: 'nowhere' }));
    expect((await errorOf(unknown)).code).toBe('printer_unknown');
  });
});

describe('ESC/POS and file printers', () => {
  it('holds a receipt when the thermal printer reports no paper, prints ESC/POS when it has some', async () => {
    const thermal = await FakePrinter.start({ paperStatusByte: 0x60 });
    cleanups.push(() => thermal.close());
    agent = await createTestAgent({
      signer,
      printers: [rawPrinter('caisse', thermal.port, { driver: 'escpos', roles: ['receipt'] })],
    });
    cleanups.push(() => agent.dispose());
    printer = thermal;
    const body = await jobBody({ role: 'receipt' });
    await post('/jobs', body);
    await eventually(async () => (await stateOf(body.jobId)) === 'held');
    expect(agent.deps.ledger.get(body.jobId)?.reason?.code).toBe('out_of_paper');
    thermal.options.paperStatusByte = 0x00;
    const [received] = await thermal.waitForJobs(1);
    expect(received?.bytes[0]).toBe(0x1b);
    await eventually(async () => (await stateOf(body.jobId)) === 'spooled');
  });

  it('prints the shared 80 mm receipt layout as ESC/POS, COPY on reprint', async () => {
    const thermal = await FakePrinter.start();
    cleanups.push(() => thermal.close());
    agent = await createTestAgent({
      signer,
      renderer: createTemplateRenderer(),
      printers: [rawPrinter('caisse', thermal.port, { driver: 'escpos', roles: ['receipt'] })],
    });
    cleanups.push(() => agent.dispose());
    printer = thermal;
    const document = provisionalPlate(signer.key.kid);
    await post('/jobs', await jobBody({ role: 'receipt' }, document));
    await post('/jobs', await jobBody({ role: 'receipt', reprint: true }, document));
    const [original, copy] = await thermal.waitForJobs(2);
    const text = original?.bytes.toString('latin1') ?? '';
    expect(original?.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40]));
    expect(text).toContain(document.number);
    expect(text).toContain(document.vehicle.vin);
    expect(text).toContain('\x1d(k'); // the QR code command (GS ( k)
    expect(copy?.bytes.toString('latin1')).toMatch(/COPIE/);
    expect(text).not.toMatch(/COPIE/);
  });

  it('writes PDFs into the data dir with the file driver', async () => {
    printer = await FakePrinter.start();
    cleanups.push(() => printer.close());
    const file = printerSchema.parse({
      id: 'file',
      name: 'Fichier',
      driver: 'file',
      roles: ['plate'],
    });
    agent = await createTestAgent({ signer, printers: [file] });
    cleanups.push(() => agent.dispose());
    const body = await jobBody();
    await post('/jobs', body);
    await eventually(async () => (await stateOf(body.jobId)) === 'printed');
    const folder = join(agent.dataDir, 'printed');
    expect(existsSync(folder)).toBe(true);
    expect(readdirSync(folder).filter((f) => f.includes(body.jobId))).toHaveLength(1);
  });
});

describe('the answers, read with the shared schemas the kiosk uses', () => {
  it('describes every field of a job, the job list and the printers', async () => {
    await setUp();
    const body = await jobBody({ copies: 2 });
    const accepted: unknown = await (await post('/jobs', body)).json();
    // Parsing drops unknown keys: equality proves the shared schema names every field.
    expect(printJobSchema.parse(accepted)).toEqual(accepted);
    expect(printJobSchema.parse(accepted)).toMatchObject({
      jobId: body.jobId,
      state: 'queued',
      documentKind: 'provisional_plate',
      printer: 'front',
      role: 'plate',
      copies: 2,
      mark: 'original',
    });
    await eventually(async () => (await stateOf(body.jobId)) === 'spooled');
    const auth = { authorization: `Bearer ${agent.token}` };
    const one: unknown = await (
      await agent.app.request(`/jobs/${body.jobId}`, { headers: auth })
    ).json();
    expect(printJobSchema.parse(one)).toEqual(one);
    const list: unknown = await (await agent.app.request('/jobs', { headers: auth })).json();
    expect(printJobListSchema.parse(list)).toEqual(list);
    const printers: unknown = await (
      await agent.app.request('/printers', { headers: auth })
    ).json();
    expect(agentPrinterListSchema.parse(printers)).toEqual(printers);
    expect(agentPrinterListSchema.parse(printers).printers[0]).toMatchObject({
      id: 'front',
      driver: 'raw9100',
      status: { state: 'ready', reason: null },
    });
  });
});

describe('the ledger API', () => {
  it('filters jobs by state and number, and takes a decision only on a job to check', async () => {
    await setUp();
    const document = provisionalPlate(signer.key.kid);
    const body = await jobBody({}, document);
    await post('/jobs', body);
    await eventually(async () => (await stateOf(body.jobId)) === 'spooled');
    const auth = { authorization: `Bearer ${agent.token}` };
    const byNumber = await agent.app.request(`/jobs?state=&number=${document.number}`, {
      headers: auth,
    });
    expect(printJobListSchema.parse(await byNumber.json()).jobs.map((j) => j.jobId)).toEqual([
      body.jobId,
    ]);
    const none = await agent.app.request('/jobs?state=failed', { headers: auth });
    expect(printJobListSchema.parse(await none.json()).jobs).toHaveLength(0);
    const badState = await agent.app.request('/jobs?state=lost', { headers: auth });
    expect((await errorOf(badState)).fields[0]?.path).toBe('state');
    const notToCheck = await post(`/jobs/${body.jobId}/confirm-reprint`, { decision: 'reprint' });
    expect(notToCheck.status).toBe(409);
    expect((await errorOf(notToCheck)).code).toBe('job_not_to_check');
    const missing = await post(`/jobs/${randomUUID()}/confirm-reprint`, { decision: 'done' });
    expect(missing.status).toBe(404);
  });
});

describe('trust at the edge', () => {
  it('refuses other origins and answers the private-network preflight for the allowed one', async () => {
    await setUp();
    const other = await post('/jobs', await jobBody(), { origin: 'https://evil.example' });
    expect(other.status).toBe(403);
    expect((await errorOf(other)).code).toBe('origin_not_allowed');
    const preflight = await agent.app.request('/jobs', {
      method: 'OPTIONS',
      headers: {
        origin: TEST_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-private-network': 'true',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    expect(preflight.headers.get('access-control-allow-private-network')).toBe('true');
    const otherPreflight = await agent.app.request('/jobs', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(otherPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rate-limits a client that sends too much', async () => {
    await setUp({ deps: { rateLimit: { burst: 3, perSecond: 0.01 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await agent.app.request('/health')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('shows the admin page only with the admin secret', async () => {
    await setUp();
    const anonymous = await agent.app.request('/admin');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
    const wrong = await agent.app.request('/admin', {
      headers: { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    const page = await agent.app.request('/admin', {
      headers: {
        authorization: `Basic ${Buffer.from(`admin:${ADMIN_SECRET}`).toString('base64')}`,
      },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(agent.deps.pairing.current().code);
    expect(html).toContain('Imprimantes / Printers');
    const testPage = await agent.app.request('/admin/test-page', {
      method: 'POST',
      headers: {
        'x-agent-admin-secret': ADMIN_SECRET,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'printer=front',
    });
    expect(testPage.status).toBe(200);
    expect(testPage.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await testPage.text()).toContain('Test page sent (spooled)');
    const [received] = await printer.waitForJobs(1);
    expect(received?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers the TEST page as JSON to a script: spooled with its id, or failed with the reason', async () => {
    await setUp();
    const testPage = (printerId: string) =>
      agent.app.request('/admin/test-page', {
        method: 'POST',
        headers: {
          'x-agent-admin-secret': ADMIN_SECRET,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ printer: printerId }),
      });
    const sent = await testPage('front');
    expect(sent.status).toBe(200);
    expect(sent.headers.get('content-type')).toMatch(/^application\/json/);
    const result = testPageResultSchema.parse(await sent.json());
    expect(result.status).toBe('spooled');
    const [received] = await printer.waitForJobs(1);
    expect(received?.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const unknown = await testPage('nowhere');
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).code).toBe('printer_unknown');

    await printer.close();
    const failed = await testPage('front');
    expect(failed.status).toBe(502);
    const failure = testPageResultSchema.parse(await failed.json());
    expect(failure).toMatchObject({ status: 'failed', reason: { code: expect.any(String) } });
    expect(failure.jobId).not.toBe(result.jobId);
  });

  it('publishes its OpenAPI document', async () => {
    await setUp();
    const response = await agent.app.request('/openapi.json');
    const document = z
      .object({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) })
      .parse(await response.json());
    expect(document.openapi).toBe('3.1.0');
    // Valid for an independent validator (the issue found 5 errors under two of them).
    const validation = await new Validator().validate(openApiDocument());
    expect(validation.errors ?? []).toEqual([]);
    expect(validation.valid).toBe(true);
    // Every route the agent registers is an operation of the document, and nothing else is.
    const registered = agent.app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    const operationSchema = z.object({
      parameters: z
        .array(z.object({ name: z.string(), in: z.string(), schema: z.unknown() }))
        .optional(),
      responses: z.record(z.string(), z.unknown()),
      security: z.array(z.unknown()).optional(),
    });
    const pathItemSchema = z.record(z.string(), z.unknown());
    const documented: string[] = [];
    for (const [path, rawItem] of Object.entries(document.paths)) {
      const item = pathItemSchema.parse(rawItem);
      const shared = z
        .array(z.object({ name: z.string(), in: z.string() }))
        .optional()
        .parse(item.parameters);
      for (const [method, rawOperation] of Object.entries(item)) {
        if (method === 'parameters') continue;
        documented.push(`${method} ${path}`);
        const operation = operationSchema.parse(rawOperation);
        const parameters = [...(shared ?? []), ...(operation.parameters ?? [])];
        // Every {param} of the path is declared; every parameter has a schema.
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          expect(parameters.some((p) => p.in === 'path' && `{${p.name}}` === name)).toBe(true);
        }
        for (const parameter of operation.parameters ?? []) expect(parameter.schema).toBeDefined();
        // A secured operation documents its 401.
        if (operation.security) expect(Object.keys(operation.responses)).toContain('401');
      }
    }
    expect([...new Set(registered)].sort()).toEqual(documented.sort());
  });

  it('answers every secured operation of its document with 401 in the shared shape, unsigned', async () => {
    await setUp();
    const document = z
      .object({
        paths: z.record(z.string(), z.record(z.string(), z.unknown())),
      })
      .parse(openApiDocument());
    const secured = z.object({
      security: z.array(z.unknown()),
      responses: z.record(z.string(), z.unknown()),
    });
    let checked = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, raw] of Object.entries(item)) {
        const operation = secured.safeParse(raw);
        if (method === 'parameters' || !operation.success) continue;
        expect(Object.keys(operation.data.responses)).toContain('401');
        const response = await agent.app.request(path.replace(/\{\w+\}/g, randomUUID()), {
          method: method.toUpperCase(),
          ...(method !== 'get' && {
            headers: { 'content-type': 'application/json', origin: TEST_ORIGIN },
            body: '{}',
          }),
        });
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(apiErrorSchema.parse(await response.json()).code).toMatch(/required|invalid/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
  });
});
