import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAgentCertificate, writeAgentCertificate } from './agent-certificate.service.js';
import {
  CA_CERT_FILE,
  CA_KEY_FILE,
  initSiteCa,
  loadSiteCa,
  SiteCaError,
} from './site-ca.service.js';

// openssl is only the verifier here: the CLI itself never shells out to it.
const run = promisify(execFile);
const openssl = async (...args: string[]): Promise<string> => (await run('openssl', args)).stdout;

const scratch = await mkdtemp(join(tmpdir(), 'comptoir-pki-'));
const caDir = join(scratch, 'ca');
const names = ['agent.boulevard.lan', '192.168.10.5', '127.0.0.1', '::1'];
const paths = {
  certFile: join(scratch, 'tls', 'agent.crt'),
  keyFile: join(scratch, 'tls', 'agent.key'),
};
/** The leaf alone (the chain file also holds the CA). */
const leafFile = join(scratch, 'leaf.crt');

beforeAll(async () => {
  await initSiteCa(caDir, { commonName: 'Comptoir CA test' });
  const issued = await issueAgentCertificate(await loadSiteCa(caDir), { names });
  await writeAgentCertificate(issued, paths);
  await writeFile(leafFile, issued.certificate.toString('pem'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the site CA', () => {
  it('keeps its key private to its owner', async () => {
    expect((await stat(join(caDir, CA_KEY_FILE))).mode & 0o777).toBe(0o600);
  });

  it('is a CA that may sign only end-entity certificates', async () => {
    const text = await openssl('x509', '-in', join(caDir, CA_CERT_FILE), '-noout', '-text');
    expect(text).toMatch(/CA:TRUE, pathlen:0/);
    expect(text).toMatch(/Certificate Sign, CRL Sign/);
    expect(text).toMatch(/CN ?= ?Comptoir CA test/);
  });

  it('refuses to replace an existing CA', async () => {
    await expect(initSiteCa(caDir, { commonName: 'again' })).rejects.toBeInstanceOf(SiteCaError);
  });

  it('says how to create a CA that is missing', async () => {
    await expect(loadSiteCa(join(scratch, 'none'))).rejects.toThrow(/ca init/);
  });
});

describe('the agent certificate', () => {
  it('verifies against the CA for each of the agent names', async () => {
    const ca = join(caDir, CA_CERT_FILE);
    expect(await openssl('verify', '-CAfile', ca, '-purpose', 'sslserver', leafFile)).toContain(
      ': OK',
    );
    expect(
      await openssl('verify', '-CAfile', ca, '-verify_hostname', 'agent.boulevard.lan', leafFile),
    ).toContain(': OK');
    expect(
      await openssl('verify', '-CAfile', ca, '-verify_ip', '192.168.10.5', leafFile),
    ).toContain(': OK');
  });

  it('does not verify for another name, nor against another CA', async () => {
    const ca = join(caDir, CA_CERT_FILE);
    await expect(
      openssl('verify', '-CAfile', ca, '-verify_hostname', 'evil.lan', leafFile),
    ).rejects.toThrow();
    await expect(
      openssl('verify', '-CAfile', ca, '-verify_ip', '192.168.10.6', leafFile),
    ).rejects.toThrow();
    const otherDir = join(scratch, 'other-ca');
    await initSiteCa(otherDir, { commonName: 'Other' });
    await expect(
      openssl('verify', '-CAfile', join(otherDir, CA_CERT_FILE), leafFile),
    ).rejects.toThrow();
  });

  it('names exactly the agent hosts and addresses, for server authentication', async () => {
    const text = await openssl(
      'x509',
      '-in',
      leafFile,
      '-noout',
      '-ext',
      'subjectAltName,extendedKeyUsage,basicConstraints',
    );
    expect(text).toContain('DNS:agent.boulevard.lan');
    expect(text).toContain('IP Address:192.168.10.5');
    expect(text).toContain('IP Address:127.0.0.1');
    expect(text).toContain('IP Address:0:0:0:0:0:0:0:1');
    expect(text).toContain('TLS Web Server Authentication');
    expect(text).toContain('CA:FALSE');
  });

  it('has a private key that matches it, readable by its owner only', async () => {
    expect((await stat(paths.keyFile)).mode & 0o777).toBe(0o600);
    const fromCert = await openssl('x509', '-in', leafFile, '-noout', '-pubkey');
    const fromKey = await openssl('pkey', '-in', paths.keyFile, '-pubout');
    expect(fromKey).toBe(fromCert);
  });
});

describe('a real HTTPS server with the generated certificate', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer(
      { cert: await readFile(paths.certFile), key: await readFile(paths.keyFile) },
      (_req, res) => res.end('agent here'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (options: { ca?: Buffer; servername?: string }): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/',
          ...options,
          ...(options.ca === undefined ? {} : { ca: options.ca }),
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(body));
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('is trusted by a client that trusts the site CA', async () => {
    expect(await get({ ca: await readFile(join(caDir, CA_CERT_FILE)) })).toBe('agent here');
  });

  it('is refused by a client that does not', async () => {
    await expect(get({})).rejects.toThrow(/self-signed|unable to (get|verify)/i);
  });
});
