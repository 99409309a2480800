import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../../kiosk-config/bin/comptoir-site.js', import.meta.url));

/** The site CA and the agent's HTTPS certificate, made by `comptoir-site` as a site does. */
export interface SiteCertificates {
  caFile: string;
  certFile: string;
  keyFile: string;
  /** The Apple configuration profile that installs the CA on an iPad or a Mac. */
  profileFile: string;
  remove(): void;
}

/**
 * Runs the real CLI (`ca init`, `cert agent`, `apple-profile`) on a one-kiosk site whose agent
 * listens on 127.0.0.1: the same steps as kiosk-config/README.md, in a scratch folder.
 */
export async function makeSiteCertificates(serverOrigin: string): Promise<SiteCertificates> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-webkit-site-'));
  const sitePath = join(dir, 'site.json');
  writeFileSync(
    sitePath,
    JSON.stringify({
      schemaVersion: 1,
      id: 'webkit',
      dealer: { name: 'Garage Beauce', neq: '2260000002', licence: 'L-200001' },
      server: { origin: serverOrigin },
      agent: {
        host: '127.0.0.1',
        // A certificate names hosts, not ports: the test agent takes any free port.
        port: 9631,
        tls: { certFile: 'tls/agent.crt', keyFile: 'tls/agent.key' },
      },
      printers: [
        {
          id: 'file',
          name: 'Fichier PDF',
          driver: 'file',
          roles: ['plate', 'certificate', 'atac'],
        },
      ],
      kiosks: [{ id: 'ipad', name: 'iPad livraison', location: 'delivery_bay' }],
    }),
  );
  const caDir = join(dir, 'ca');
  await run(process.execPath, [cli, 'ca', 'init', '--dir', caDir, '--name', 'Comptoir CA webkit'], {
    cwd: dir,
  });
  await run(process.execPath, [cli, 'cert', 'agent', sitePath, '--ca', caDir], { cwd: dir });
  const profileFile = join(dir, 'comptoir-ca.mobileconfig');
  await run(
    process.execPath,
    [cli, 'apple-profile', sitePath, '--ca', caDir, '--out', profileFile],
    { cwd: dir },
  );
  return {
    caFile: join(caDir, 'ca.crt'),
    certFile: join(dir, 'tls', 'agent.crt'),
    keyFile: join(dir, 'tls', 'agent.key'),
    profileFile,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
