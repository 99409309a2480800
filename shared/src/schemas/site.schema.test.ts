import { describe, expect, it } from 'vitest';
import {
  agentAddressSpace,
  agentAllowedOrigins,
  agentCertificateNames,
  agentJwksUrl,
  agentSiteSchema,
  agentUrl,
  kioskSettingsFromSite,
  kioskSettingsSchema,
  siteEnrolment,
  siteEnrolmentSchema,
  siteIssues,
  siteJsonSchema,
  siteSchema,
  type SiteIssue,
} from './site.schema.js';

/** A small valid site: one agent on the kiosk, one letter printer for every role, one kiosk. */
const siteInput = (): Record<string, unknown> & {
  agent: Record<string, unknown>;
  printers: Record<string, unknown>[];
  kiosks: Record<string, unknown>[];
} => ({
  schemaVersion: 1,
  id: 'test-site',
  dealer: { name: 'Autos Test', neq: '1234567890', licence: 'L-100001' },
  server: { origin: 'https://comptoir.example.ca' },
  agent: { host: '127.0.0.1', port: 9631 },
  printers: [printerInput()],
  kiosks: [{ id: 'kiosk-1', name: 'Salle 1', location: 'showroom' }],
});

const printerInput = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'laser',
  name: 'Laser',
  driver: 'file',
  roles: ['plate', 'certificate', 'atac'],
  ...overrides,
});

const lanAgent = {
  host: '0.0.0.0',
  publicHost: '192.168.1.20',
  tls: { certFile: 'a.pem', keyFile: 'a.key' },
};

const codesAt = (issues: SiteIssue[]): string[] =>
  issues.map((issue) => `${issue.path.join('.')}:${issue.code}`);

describe('siteSchema', () => {
  it('parses a small site and fills the defaults', () => {
    const site = siteSchema.parse(siteInput());
    expect(site.agent).toMatchObject({ host: '127.0.0.1', port: 9631, altNames: [] });
    expect(site.kiosks[0]).toMatchObject({
      idleLockMinutes: 15,
      language: 'fr',
      defaultPrinters: {},
    });
    expect(site.printers[0]).toMatchObject({ paper: 'letter' });
  });

  it('normalizes the server origin and the licence', () => {
    const input = siteInput();
    input.server = { origin: 'https://Comptoir.Example.ca/' };
    input.dealer = { name: 'Autos Test', neq: '1234 567 890', licence: 'l-100001' };
    const site = siteSchema.parse(input);
    expect(site.server.origin).toBe('https://comptoir.example.ca');
    expect(site.dealer).toMatchObject({ neq: '1234567890', licence: 'L-100001' });
  });

  it('refuses a server address with a path', () => {
    const input = siteInput();
    input.server = { origin: 'https://comptoir.example.ca/app' };
    expect(siteIssues(input).map((issue) => [issue.path.join('.'), issue.code])).toEqual([
      ['server.origin', 'bad_origin'],
    ]);
  });

  it('parses every printer driver', () => {
    const input = siteInput();
    input.printers.push(
      printerInput({ id: 'ipp', driver: 'ipp', uri: 'ipp://192.168.1.30/ipp/print', roles: [] }),
      printerInput({ id: 'raw', driver: 'raw9100', host: 'laser.lan', roles: [] }),
      printerInput({
        id: 'thermal',
        driver: 'escpos',
        host: '192.168.1.31',
        paper: '80mm',
        roles: ['receipt'],
      }),
      printerInput({ id: 'cups', driver: 'cups', queue: 'Bureau_HP', roles: [] }),
      printerInput({
        id: 'win',
        driver: 'windows',
        printerName: 'HP LaserJet (Bureau)',
        roles: [],
      }),
    );
    const site = siteSchema.parse(input);
    expect(site.printers.map((printer) => printer.driver)).toEqual([
      'file',
      'ipp',
      'raw9100',
      'escpos',
      'cups',
      'windows',
    ]);
    expect(site.printers[2]).toMatchObject({ port: 9100 });
  });

  it('refuses what siteIssues reports', () => {
    const input = siteInput();
    input.kiosks.push({ id: 'kiosk-1', name: 'Double', location: 'showroom' });
    expect(siteSchema.safeParse(input).success).toBe(false);
    expect(codesAt(siteIssues(input))).toEqual(['kiosks.1.id:duplicate_kiosk_id']);
  });
});

describe('siteIssues', () => {
  it('finds nothing in a valid site', () => {
    expect(siteIssues(siteInput())).toEqual([]);
  });

  it('reports every cross-field problem at once, with paths and fixes in both languages', () => {
    const input = siteInput();
    input.printers.push(
      printerInput({ id: 'laser', roles: [] }),
      printerInput({ id: 'roll', paper: '80mm', roles: ['receipt', 'atac'], fallback: 'nowhere' }),
      printerInput({ id: 'thermal', driver: 'escpos', host: '10.0.0.5', roles: ['receipt'] }),
    );
    input.kiosks.push({
      id: 'kiosk-1',
      name: 'Double',
      location: 'delivery_bay',
      defaultPrinters: { receipt: 'ghost', plate: 'thermal' },
    });
    const issues = siteIssues(input);
    expect(codesAt(issues)).toEqual([
      'printers.1.id:duplicate_printer_id',
      'printers.2.roles.1:role_needs_letter',
      'printers.3.paper:escpos_needs_roll',
      'printers.2.fallback:unknown_printer',
      'kiosks.1.id:duplicate_kiosk_id',
      'kiosks.1.defaultPrinters.plate:printer_lacks_role',
      'kiosks.1.defaultPrinters.receipt:unknown_printer',
    ]);
    for (const issue of issues) {
      expect(issue.message.fr.length).toBeGreaterThan(0);
      expect(issue.fix.en.length).toBeGreaterThan(0);
    }
    expect(issues[3]?.fix.en).toContain('laser');
  });

  it('reports field errors and cross-field errors together', () => {
    const input = siteInput();
    input.agent = { host: 'bad host', port: '9631', extra: true };
    input.printers.push(
      printerInput({ id: 'broken', driver: 'lpt' }),
      printerInput({ id: 'laser' }),
      printerInput({ id: 'uses-broken', fallback: 'broken' }),
    );
    input.kiosks.push({ id: 'Kiosk 2', name: '', location: 'garage', idleLockMinutes: 30 });
    const codes = codesAt(siteIssues(input));
    expect(codes).toEqual(
      expect.arrayContaining([
        'agent.host:bad_host',
        'agent.port:wrong_type',
        'agent:unknown_key',
        'printers.1.driver:not_allowed',
        'kiosks.1.id:bad_id',
        'kiosks.1.name:too_small',
        'kiosks.1.location:not_allowed',
        'kiosks.1.idleLockMinutes:too_big',
        'printers.2.id:duplicate_printer_id',
      ]),
    );
    // A route to a printer that exists but does not parse is that printer's problem, not "unknown".
    expect(codes).not.toContain('printers.3.fallback:unknown_printer');
  });

  it('names missing fields', () => {
    const input = siteInput();
    delete input.dealer;
    expect(codesAt(siteIssues(input))).toEqual(['dealer:required']);
  });

  it('refuses a fallback loop and a fallback on other paper', () => {
    const input = siteInput();
    input.printers = [
      printerInput({ id: 'a', fallback: 'b' }),
      printerInput({ id: 'b', fallback: 'a', roles: [] }),
      printerInput({ id: 'roll', paper: '80mm', roles: ['receipt'], fallback: 'a' }),
    ];
    expect(codesAt(siteIssues(input))).toEqual([
      'printers.0.fallback:fallback_cycle',
      'printers.1.fallback:fallback_cycle',
      'printers.2.fallback:fallback_paper_mismatch',
    ]);
  });

  it('needs a printer for every official document', () => {
    const input = siteInput();
    input.printers = [printerInput({ roles: ['plate'] })];
    expect(codesAt(siteIssues(input))).toEqual([
      'printers:role_without_printer',
      'printers:role_without_printer',
    ]);
  });

  it('needs HTTPS and a public name for an agent on the LAN', () => {
    const input = siteInput();
    input.agent = { host: '0.0.0.0' };
    expect(codesAt(siteIssues(input))).toEqual([
      'agent.publicHost:public_host_required',
      'agent.tls:lan_agent_needs_tls',
    ]);
    input.agent = lanAgent;
    expect(siteIssues(input)).toEqual([]);
  });

  it('handles input that is not an object', () => {
    expect(codesAt(siteIssues([]))).toEqual([':wrong_type']);
    expect(codesAt(siteIssues(null))).toEqual([':wrong_type']);
  });
});

describe('agentSiteSchema', () => {
  it('reads the agent part of a whole site file', () => {
    const input = siteInput();
    input.agent = lanAgent;
    const agentSite = agentSiteSchema.parse(input);
    expect(Object.keys(agentSite).sort()).toEqual(['agent', 'printers', 'server']);
    expect(agentSite.agent.publicHost).toBe('192.168.1.20');
  });

  it('applies the printer rules', () => {
    const input = siteInput();
    input.printers.push(printerInput());
    const result = agentSiteSchema.safeParse(input);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['printers.1.id']);
  });
});

describe('derived settings', () => {
  it('builds the agent URL and its address space', () => {
    const site = siteSchema.parse(siteInput());
    expect(agentUrl(site.agent)).toBe('http://127.0.0.1:9631');
    expect(agentAddressSpace(site.agent)).toBe('loopback');
    const lan = siteSchema.parse({ ...siteInput(), agent: { ...lanAgent, port: 8443 } });
    expect(agentUrl(lan.agent)).toBe('https://192.168.1.20:8443');
    expect(agentAddressSpace(lan.agent)).toBe('local');
    const v6 = siteSchema.parse({ ...siteInput(), agent: { host: '::1' } });
    expect(agentUrl(v6.agent)).toBe('http://[::1]:9631');
    expect(agentAddressSpace(v6.agent)).toBe('loopback');
  });

  it('defaults the allowed origins and the JWKS URL to the server', () => {
    const site = siteSchema.parse(siteInput());
    expect(agentAllowedOrigins(site)).toEqual(['https://comptoir.example.ca']);
    expect(agentJwksUrl(site)).toBe('https://comptoir.example.ca/.well-known/jwks.json');
  });

  it('lists every certificate name once, never the wildcard', () => {
    const site = siteSchema.parse({
      ...siteInput(),
      agent: { ...lanAgent, altNames: ['agent.concession.lan', '192.168.1.20'] },
    });
    expect(agentCertificateNames(site.agent)).toEqual(['192.168.1.20', 'agent.concession.lan']);
  });

  it('gives a kiosk its part of the site, default printers resolved', () => {
    const input = siteInput();
    input.printers.push(printerInput({ id: 'second', roles: ['atac'] }));
    input.kiosks.push({
      id: 'bay',
      name: 'Baie',
      location: 'delivery_bay',
      idleLockMinutes: 5,
      defaultPrinters: { atac: 'second' },
    });
    const site = siteSchema.parse(input);
    const settings = kioskSettingsFromSite(site, 'bay');
    expect(kioskSettingsSchema.parse(settings)).toEqual(settings);
    expect(settings).toMatchObject({
      siteId: 'test-site',
      licence: 'L-100001',
      kiosk: { id: 'bay', idleLockMinutes: 5, location: 'delivery_bay' },
      agent: { url: 'http://127.0.0.1:9631', addressSpace: 'loopback' },
      printerByRole: { plate: 'laser', certificate: 'laser', atac: 'second' },
    });
    expect(kioskSettingsFromSite(site, 'kiosk-1')?.printerByRole.atac).toBe('laser');
    expect(kioskSettingsFromSite(site, 'nowhere')).toBeUndefined();
  });

  it('builds the enrolment request with each kiosk id and idle lock', () => {
    const input = siteInput();
    input.kiosks.push({ id: 'bay', name: 'Baie', location: 'delivery_bay', idleLockMinutes: 5 });
    const enrolment = siteEnrolmentSchema.parse(siteEnrolment(siteSchema.parse(input)));
    expect(enrolment.kiosks.map((kiosk) => [kiosk.kioskId, kiosk.idleLockMinutes])).toEqual([
      ['kiosk-1', 15],
      ['bay', 5],
    ]);
  });
});

describe('siteJsonSchema', () => {
  it('describes the file for editors', () => {
    const schema = siteJsonSchema();
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(schema.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'dealer', 'printers', 'kiosks']),
    );
    expect(JSON.stringify(schema)).toContain('"raw9100"');
  });
});
