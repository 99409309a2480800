import { writeFileSync } from 'node:fs';
import type { TestSigner } from './documents.js';

/**
 * Writes a site file for a real agent process: one raw-9100 printer (the fake printer) for the
 * plate role, the test signer's key pinned, and a JWKS URL nobody answers, so the agent
 * verifies from the pinned key as it would during an internet outage.
 */
export function writeFakePrinterSite(options: {
  sitePath: string;
  dataDir: string;
  agentPort: number;
  printerPort: number;
  signer: TestSigner;
}): void {
  const { publicJwk } = options.signer;
  writeFileSync(
    options.sitePath,
    JSON.stringify({
      server: { origin: 'http://127.0.0.1:3000' },
      agent: {
        host: '127.0.0.1',
        port: options.agentPort,
        dataDir: options.dataDir,
        pinnedKeys: [{ kty: 'OKP', crv: 'Ed25519', x: publicJwk.x, kid: publicJwk.kid }],
        jwksUrl: 'http://127.0.0.1:9/.well-known/jwks.json',
      },
      printers: [
        {
          id: 'front',
          name: 'Fake',
          driver: 'raw9100',
          host: '127.0.0.1',
          port: options.printerPort,
          roles: ['plate'],
        },
      ],
    }),
  );
}
