import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-commands.js';
import { appleConfigurationProfile, profileUuid } from './apple-profile.js';
import { CA_CERT_FILE, initSiteCa } from './site-ca.service.js';

const run = promisify(execFile);

/**
 * A strict reader of the property-list subset a profile uses (dict, array, string, integer,
 * data, true, false): any other element or stray text fails, so a malformed profile cannot
 * pass by accident.
 */
type Plist = string | number | boolean | Buffer | Plist[] | { [key: string]: Plist };
const unescapeXml = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const readPlist = (xml: string): Plist => {
  const body =
    /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<!DOCTYPE plist [^>]+>\s*<plist version="1\.0">([\s\S]*)<\/plist>\s*$/.exec(
      xml,
    )?.[1];
  if (body === undefined) throw new Error('not a plist document');
  const tokens = body.match(/<[^>]+>|[^<]+/g)?.filter((token) => token.trim() !== '') ?? [];
  let at = 0;
  const next = (): string => {
    const token = tokens[at++];
    if (token === undefined) throw new Error('plist ends early');
    return token;
  };
  const textUntil = (close: string): string => {
    let text = '';
    for (let token = next(); token !== close; token = next()) text += token;
    return text;
  };
  const value = (): Plist => {
    const open = next();
    if (open === '<true/>') return true;
    if (open === '<false/>') return false;
    if (open === '<string>') return unescapeXml(textUntil('</string>'));
    if (open === '<integer>') return Number(textUntil('</integer>'));
    if (open === '<data>') return Buffer.from(textUntil('</data>').replace(/\s+/g, ''), 'base64');
    if (open === '<array>') {
      const items: Plist[] = [];
      while (tokens[at] !== '</array>') items.push(value());
      next();
      return items;
    }
    if (open === '<dict>') {
      const entries: Record<string, Plist> = {};
      while (tokens[at] !== '</dict>') {
        if (next() !== '<key>') throw new Error('dict entry without <key>');
        const key = unescapeXml(textUntil('</key>'));
        entries[key] = value();
      }
      next();
      return entries;
    }
    throw new Error(`unexpected ${open}`);
  };
  const root = value();
  if (at !== tokens.length) throw new Error('text after the root value');
  return root;
};
const dict = (value: Plist | undefined): Record<string, Plist> => {
  if (typeof value !== 'object' || Array.isArray(value) || Buffer.isBuffer(value))
    throw new Error('not a dict');
  return value;
};

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-8[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

const scratch = await mkdtemp(join(tmpdir(), 'comptoir-profile-'));
const caDir = join(scratch, 'ca');
let caPem = '';
let caDer: Buffer = Buffer.alloc(0);

beforeAll(async () => {
  await initSiteCa(caDir, { commonName: 'Comptoir CA Beauce' });
  caPem = await readFile(join(caDir, CA_CERT_FILE), 'utf8');
  // openssl only checks: the DER the profile must carry, byte for byte.
  caDer = (
    await run('openssl', ['x509', '-in', join(caDir, CA_CERT_FILE), '-outform', 'DER'], {
      encoding: 'buffer',
    })
  ).stdout;
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('the Apple configuration profile', () => {
  it('installs the site CA as a trusted root, under unique identifiers', () => {
    const profile = dict(
      readPlist(
        appleConfigurationProfile({
          caCertificatePem: caPem,
          siteId: 'beauce',
          dealerName: 'Garage Beauce & fils <inc>',
        }),
      ),
    );
    expect(profile).toMatchObject({
      PayloadType: 'Configuration',
      PayloadVersion: 1,
      PayloadIdentifier: 'ca.comptoir.site.beauce',
      PayloadDisplayName: 'Comptoir — Garage Beauce & fils <inc>',
      PayloadRemovalDisallowed: false,
    });
    expect(profile.PayloadDescription).toMatch(/Réglages des certificats/);
    expect(profile.PayloadDescription).toMatch(/Certificate Trust Settings/);
    const content = profile.PayloadContent;
    if (!Array.isArray(content)) throw new Error('PayloadContent is not an array');
    expect(content).toHaveLength(1);
    const root = dict(content[0]);
    // com.apple.security.root is the trust payload: the certificate goes into the trusted roots.
    expect(root).toMatchObject({
      PayloadType: 'com.apple.security.root',
      PayloadVersion: 1,
      PayloadIdentifier: 'ca.comptoir.site.beauce.ca',
      PayloadDisplayName: 'Comptoir CA Beauce',
    });
    expect(Buffer.isBuffer(root.PayloadContent)).toBe(true);
    expect(root.PayloadContent).toEqual(caDer);
    expect(profile.PayloadUUID).toMatch(UUID);
    expect(root.PayloadUUID).toMatch(UUID);
    expect(root.PayloadUUID).not.toBe(profile.PayloadUUID);
  });

  it('gives the same CA the same identifiers, and another CA others', async () => {
    expect(profileUuid(caDer, 'profile')).toBe(profileUuid(caDer, 'profile'));
    const other = await initSiteCa(join(scratch, 'other'), { commonName: 'Comptoir CA Beauce' });
    expect(profileUuid(new Uint8Array(other.certificate.rawData), 'profile')).not.toBe(
      profileUuid(caDer, 'profile'),
    );
  });

  it('is written by `comptoir-site apple-profile` from the site file and its CA', async () => {
    const sitePath = join(scratch, 'site.json');
    await writeFile(
      sitePath,
      JSON.stringify({
        schemaVersion: 1,
        id: 'beauce',
        dealer: { name: 'Garage Beauce', neq: '2260000002', licence: 'L-200001' },
        server: { origin: 'https://comptoir.example.ca' },
        agent: {
          host: '0.0.0.0',
          publicHost: 'agent.beauce.lan',
          tls: { certFile: 'tls/agent.crt', keyFile: 'tls/agent.key' },
        },
        printers: [
          {
            id: 'laser',
            name: 'Laser',
            driver: 'file',
            roles: ['plate', 'certificate', 'atac'],
          },
        ],
        kiosks: [{ id: 'ipad', name: 'iPad livraison', location: 'delivery_bay' }],
      }),
    );
    let out = '';
    let err = '';
    const code = await runCli(['apple-profile', sitePath, '--ca', caDir], {
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
      cwd: scratch,
      env: {},
    });
    expect(err).toContain('comptoir-beauce.mobileconfig');
    expect(code).toBe(0);
    expect(out).toMatch(/Réglages des certificats/);
    const written = dict(
      readPlist(await readFile(join(scratch, 'comptoir-beauce.mobileconfig'), 'utf8')),
    );
    expect(written.PayloadIdentifier).toBe('ca.comptoir.site.beauce');
    const [payload] = Array.isArray(written.PayloadContent) ? written.PayloadContent : [];
    expect(dict(payload).PayloadContent).toEqual(caDer);
  });

  it('says how to make the CA when there is none', async () => {
    let err = '';
    const code = await runCli(['apple-profile', join(scratch, 'site.json'), '--ca', 'none'], {
      stdout: () => undefined,
      stderr: (text) => (err += text),
      cwd: scratch,
      env: {},
    });
    expect(code).toBe(1);
    expect(err).toMatch(/ca init/);
  });
});
