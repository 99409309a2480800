import { siteIssues, siteSchema } from '@comptoir/shared';
import { readFile } from 'node:fs/promises';
import { kioskLauncherFiles } from '../src/kiosk-launcher.js';
import { issueAgentCertificate } from '../src/pki/agent-certificate.service.js';
import { createSiteCa, KEY_ALGORITHM } from '../src/pki/site-ca.service.js';

/**
 * Figures of `comptoir-site`, each beside the floor it cannot beat, measured in the same run:
 * checking a site file (every problem at once) against a bare schema parse, issuing the agent's
 * certificate against generating its key alone, and generating a kiosk's folder.
 */

const DURATION_MS = 2000;
/** The JIT (V8's and zod's compiled parsers) must be warm, or the first figure measured loses. */
const WARM_UP_MS = 500;

/** Operations per second of `operation`, run back to back for about `DURATION_MS` after a warm-up. */
const rate = async (operation: () => unknown): Promise<number> => {
  const warmUpEnd = performance.now() + WARM_UP_MS;
  while (performance.now() < warmUpEnd) await operation();
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    await operation();
    count += 1;
  }
  return count / ((performance.now() - start) / 1000);
};

const report = (figure: Record<string, string | number>): void => {
  console.log(`BENCH ${JSON.stringify(figure)}`);
};

const text = await readFile(new URL('../sites/dealership.json', import.meta.url), 'utf8');
const round = (value: number): number => Math.round(value * 10) / 10;

report({
  name: 'kiosk-config: validate a site file (3 printers, 3 kiosks)',
  figure: round(await rate(() => siteIssues(JSON.parse(text)))),
  unit: 'files/s',
  baseline: round(await rate(() => siteSchema.safeParse(JSON.parse(text)))),
  baselineName: 'JSON.parse + siteSchema.safeParse',
  note: 'the same parse and rules; on a broken file siteIssues also checks the parts that parsed, to list every problem at once',
});

const ca = await createSiteCa({ commonName: 'Bench CA' });
report({
  name: 'kiosk-config: issue the agent certificate (ECDSA P-256)',
  figure: round(
    await rate(() => issueAgentCertificate(ca, { names: ['agent.lan', '192.168.10.5'] })),
  ),
  unit: 'certs/s',
  baseline: round(
    await rate(() => crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])),
  ),
  baselineName: 'WebCrypto P-256 key generation alone',
});

const site = siteSchema.parse(JSON.parse(text));
const caPem = ca.certificate.toString('pem');
report({
  name: 'kiosk-config: generate a kiosk folder (scripts, policy, settings)',
  figure: round(await rate(() => kioskLauncherFiles(site, 'salle-1', { caCertificatePem: caPem }))),
  unit: 'kiosks/s',
});
