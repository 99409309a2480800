import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './spawn-server.js';

const agentDir = fileURLToPath(new URL('../../../../../print-agent', import.meta.url));

/** A print agent process (from its sources, through tsx) with its default file printer. */
export interface AgentProcess {
  url: string;
  /** The pairing code it printed at start. */
  pairingCode: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the print agent on 127.0.0.1 with the data dir given (so that a test can stop it and
 * start it again on the same ledger, pairings and cached keys), trusting the registry at
 * `origin` (its JWKS at `jwksUrl`).
 */
export async function startAgentProcess(options: {
  dataDir: string;
  origin: string;
  jwksUrl: string;
}): Promise<AgentProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: agentDir,
    env: {
      PATH: process.env.PATH ?? '',
      AGENT_HOST: '127.0.0.1',
      AGENT_PORT: String(port),
      AGENT_DATA_DIR: options.dataDir,
      AGENT_SITE: '',
      ORIGIN: options.origin,
      AGENT_ALLOWED_ORIGINS: options.origin,
      AGENT_JWKS_URL: options.jwksUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const url = /listening on (\S+)/.exec(output)?.[1];
    // The last code shown: a restart shows a fresh one.
    const codes = [...output.matchAll(/Pairing code: (\d{8})/g)].map((match) => match[1]);
    const code = codes.at(-1);
    if (url && code) {
      return {
        url,
        pairingCode: code,
        output: () => output,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            await exited;
          }
        },
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the print agent did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
