import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAgentCertificate } from './pki/agent-certificate.service.js';
import { initSiteCa } from './pki/site-ca.service.js';
import { interpretTestPageResponse, printTestAll } from './print-test.client.js';
import { loopbackSite } from './test-sites.js';

/**
 * A twin of the print agent's admin test-page route (`POST /admin/test-page`, form field
 * `printer`, secret in `X-Agent-Admin-Secret`), over HTTPS with a certificate from a site CA.
 * The real agent answers with its admin page (HTML): 200 when sent, 502 when the printer failed.
 */
const SECRET = 'admin-secret-for-tests';
const scratch = await mkdtemp(join(tmpdir(), 'comptoir-print-test-'));
let server: Server;
let port: number;
let caPem: string;
const requests: { printer: string | null; secret: string | undefined }[] = [];

beforeAll(async () => {
  const ca = await initSiteCa(join(scratch, 'ca'), { commonName: 'Comptoir CA print-test' });
  caPem = ca.certificate.toString('pem');
  const issued = await issueAgentCertificate(ca, { names: ['127.0.0.1'] });
  server = createServer({ cert: issued.chainPem, key: issued.privateKeyPem }, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const printer = new URLSearchParams(body).get('printer');
      const secret = req.headers['x-agent-admin-secret'];
      requests.push({ printer, secret: typeof secret === 'string' ? secret : undefined });
      if (req.method !== 'POST' || req.url !== '/admin/test-page') return res.writeHead(404).end();
      if (secret !== SECRET)
        return res.writeHead(401, { 'content-type': 'application/json' }).end('{}');
      if (printer === 'receipts')
        return res
          .writeHead(502, { 'content-type': 'text/html' })
          .end('<p>Échec de la page de test / Test page failed: connect ECONNREFUSED</p>');
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<p>Page de test envoyée (spooled) / Test page sent (spooled)</p>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(scratch, { recursive: true, force: true });
});

const siteOnTwin = () =>
  loopbackSite({
    agent: { host: '127.0.0.1', port, tls: { certFile: 'x.crt', keyFile: 'x.key' } },
  });

describe('printTestAll', () => {
  it('prints on every printer over HTTPS trusted through the site CA and reports each result', async () => {
    requests.length = 0;
    const results = await printTestAll(siteOnTwin(), {
      adminSecret: SECRET,
      caCertificatePem: caPem,
    });
    expect(requests).toEqual([
      { printer: 'laser', secret: SECRET },
      { printer: 'receipts', secret: SECRET },
    ]);
    expect(results).toEqual([
      {
        printerId: 'laser',
        printerName: 'Laser',
        isOk: true,
        detail: 'Page de test envoyée (spooled) / Test page sent (spooled)',
      },
      {
        printerId: 'receipts',
        printerName: 'Reçus',
        isOk: false,
        detail: 'Échec de la page de test / Test page failed: connect ECONNREFUSED',
      },
    ]);
  });

  it('reports a refused secret', async () => {
    const [first] = await printTestAll(siteOnTwin(), {
      adminSecret: 'wrong',
      caCertificatePem: caPem,
    });
    expect(first).toMatchObject({ isOk: false, detail: expect.stringContaining('401') as unknown });
  });

  it('does not trust the agent without the site CA', async () => {
    const [first] = await printTestAll(siteOnTwin(), { adminSecret: SECRET });
    expect(first).toMatchObject({ isOk: false });
    expect(first?.detail).toMatch(/certificate|self-signed/i);
  });

  it('reports an agent that is not there', async () => {
    const site = loopbackSite({ agent: { host: '127.0.0.1', port: 1 } });
    const results = await printTestAll(site, { adminSecret: SECRET, timeoutMs: 2000 });
    expect(results.every((result) => !result.isOk && /ECONNREFUSED/.test(result.detail))).toBe(
      true,
    );
  });
});

describe('interpretTestPageResponse', () => {
  it('reads a JSON answer and the agent error shape', () => {
    expect(
      interpretTestPageResponse({
        status: 200,
        contentType: 'application/json',
        body: '{"status":"printed"}',
      }),
    ).toEqual({
      isOk: true,
      detail: 'printed',
    });
    expect(
      interpretTestPageResponse({
        status: 400,
        contentType: 'application/json; charset=UTF-8',
        body: '{"code":"printer_unknown","message":{"fr":"Imprimante inconnue.","en":"Unknown printer."}}',
      }),
    ).toEqual({ isOk: false, detail: 'printer_unknown: Imprimante inconnue. / Unknown printer.' });
    expect(
      interpretTestPageResponse({ status: 200, contentType: 'application/json', body: 'nope' }),
    ).toMatchObject({ isOk: false });
  });
});
