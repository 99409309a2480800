import { siteSchema, type Site } from '@comptoir/shared';

/**
 * Small site factories for tests (not shipped: excluded from the build with the tests).
 * `lanSite` has an agent on the LAN over HTTPS; `loopbackSite` one on the kiosk over HTTP.
 */
export const siteInput = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  schemaVersion: 1,
  id: 'test-site',
  dealer: { name: 'Autos Test', neq: '1234567890', licence: 'L-100001' },
  server: { origin: 'https://comptoir.example.ca' },
  agent: { host: '127.0.0.1', port: 9631 },
  printers: [
    { id: 'laser', name: 'Laser', driver: 'file', roles: ['plate', 'certificate', 'atac'] },
    { id: 'receipts', name: 'Reçus', driver: 'file', paper: '80mm', roles: ['receipt'] },
  ],
  kiosks: [
    { id: 'salle-1', name: 'Salle 1', location: 'showroom' },
    { id: 'baie', name: 'Baie', location: 'delivery_bay', idleLockMinutes: 5, language: 'en' },
  ],
  ...overrides,
});

export const loopbackSite = (overrides: Record<string, unknown> = {}): Site =>
  siteSchema.parse(siteInput(overrides));

export const lanSite = (overrides: Record<string, unknown> = {}): Site =>
  siteSchema.parse(
    siteInput({
      agent: {
        host: '0.0.0.0',
        publicHost: '192.168.10.5',
        altNames: ['agent.test.lan'],
        tls: { certFile: 'tls/agent.crt', keyFile: 'tls/agent.key' },
      },
      ...overrides,
    }),
  );
