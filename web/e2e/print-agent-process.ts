import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keepLog } from './e2e-logs';
import { freePort } from './server-process';

const agentDir = fileURLToPath(new URL('../../print-agent', import.meta.url));

/** A real print agent process with its default file printer (PDFs land in `printedDir`). */
export interface AgentProcess {
  url: string;
  pairingCode: string;
  /** The code shown now: the agent logs a new one each time a kiosk pairs. */
  currentPairingCode(): string;
  printedDir: string;
  /** The PDFs the file printer wrote so far. */
  printedFiles(): string[];
  stop(): Promise<void>;
}

/**
 * Starts the print agent from its sources (`src/main.ts` through tsx, so the e2e run does not
 * depend on the agent's build) on 127.0.0.1, trusting the web server at `origin`: its CORS
 * allow-list and the JWKS it verifies documents against. With `tls` (a certificate chain and
 * its key, e.g. from `comptoir-site cert agent`) it serves HTTPS, as Safari needs. Resolves
 * once it prints its address and first pairing code.
 */
export async function startPrintAgent(
  origin: string,
  options: { tls?: { certFile: string; keyFile: string } } = {},
): Promise<AgentProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-e2e-agent-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: agentDir,
    env: {
      ...process.env,
      AGENT_HOST: '127.0.0.1',
      AGENT_PORT: String(port),
      AGENT_DATA_DIR: dataDir,
      AGENT_SITE: '',
      ORIGIN: origin,
      AGENT_ALLOWED_ORIGINS: origin,
      AGENT_JWKS_URL: `${origin}/.well-known/jwks.json`,
      COMPTOIR_FAULTS: '',
      ...(options.tls && {
        AGENT_TLS_CERT_FILE: options.tls.certFile,
        AGENT_TLS_KEY_FILE: options.tls.keyFile,
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  keepLog(child, 'print-agent');
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  let ready: { url: string; code: string } | undefined;
  while (!ready) {
    const url = /listening on (\S+)/.exec(output)?.[1];
    const code = /Pairing code: (\d{8})/.exec(output)?.[1];
    if (url && code) ready = { url, code };
    else if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`The print agent did not start:\n${output}`);
    } else await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const printedDir = join(dataDir, 'printed');
  return {
    url: ready.url,
    pairingCode: ready.code,
    currentPairingCode() {
      const codes = [...output.matchAll(/Pairing code: (\d{8})/g)];
      return codes.at(-1)?.[1] ?? ready.code;
    },
    printedDir,
    printedFiles() {
      try {
        return readdirSync(printedDir).filter((name) => name.endsWith('.pdf'));
      } catch {
        return [];
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
