import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { keepLog } from './e2e-logs';

const webDir = fileURLToPath(new URL('..', import.meta.url));

/** A production server this test started itself (for crash and restart scenarios). */
export interface OwnServer {
  origin: string;
  /** Resolves with the exit code when the process ends (a fault crash exits with 86). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts `node build` on 127.0.0.1:`port` with `dataDir`, demo data and optional faults. */
export async function startServer(options: {
  port: number;
  dataDir: string;
  faults?: string;
}): Promise<OwnServer> {
  const origin = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(process.execPath, ['build'], {
    cwd: webDir,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      ORIGIN: origin,
      COMPTOIR_DATA_DIR: options.dataDir,
      COMPTOIR_DEMO: '1',
      ...(options.faults ? { COMPTOIR_FAULTS: options.faults } : { COMPTOIR_FAULTS: '' }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept for the log check (scripts/log-pii.mjs); errors still show in the run's output.
  keepLog(child, 'web-own');
  child.stderr?.pipe(process.stderr);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
