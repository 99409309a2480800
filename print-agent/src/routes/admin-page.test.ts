import { printerSchema, type PrintJob } from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import { renderAdminPage } from './admin-page.js';

const job: PrintJob = {
  jobId: '0b7f3c1e-5d2a-4f6b-9c8d-1a2b3c4d5e6f',
  state: 'to_check',
  reason: null,
  documentNumber: 'ATAC-2026-000001',
  documentKind: 'atac',
  printer: 'bureau',
  role: 'atac',
  copies: 1,
  copiesSent: 1,
  mark: 'original',
  reprint: false,
  attempts: 1,
  createdAt: '2026-12-03T14:05:00.000Z',
  updatedAt: '2026-12-03T14:05:00.000Z',
};

describe('the agent page', () => {
  it('says codes and times in words and Québec time, as the kiosk does', () => {
    const html = renderAdminPage({
      pairing: { code: '123456', expiresAt: new Date('2026-12-03T15:00:00.000Z') },
      isPairingLocked: false,
      kiosks: [{ id: 'k1', label: 'Comptoir 1', pairedAt: '2026-12-03T14:00:00.000Z' }],
      printers: [
        {
          printer: printerSchema.parse({
            id: 'bureau',
            name: 'Bureau',
            driver: 'file',
            roles: ['plate', 'certificate', 'atac'],
            paper: 'letter',
          }),
          status: { state: 'ready', reason: null },
        },
      ],
      jobs: [job],
    });
    expect(html).toContain('Plaque / Plate, Certificat / Certificate, ATAC');
    expect(html).toContain('Prête / Ready');
    expect(html).toContain('À vérifier / To check');
    expect(html).toContain('2026-12-03 09:05');
    expect(html).toContain('Valid until 2026-12-03 10:00');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(html).not.toMatch(/>ready<|plate, certificate|>atac</);
  });
});
