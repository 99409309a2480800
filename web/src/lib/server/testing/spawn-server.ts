import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The built server (`npm run build -w @comptoir/web` writes it; turbo builds before tests). */
export const BUILT_SERVER = fileURLToPath(new URL('../../../../build/index.js', import.meta.url));

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A running built server. */
export interface SpawnedServer {
  origin: string;
  process: ChildProcess;
  /** Everything it printed (for failure messages). */
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `node build` on 127.0.0.1 and a free port and waits for `/api/health`.
 * BODY_SIZE_LIMIT is lifted so that our own 1 MB limit answers 413 in JSON.
 */
export async function spawnBuiltServer(options: {
  dataDir: string;
  databaseUrl?: string;
  faults?: string;
  demo?: boolean;
  /** Another build of the server (a benchmark's baseline, e.g. the previous commit's). */
  builtServer?: string;
  /** A fixed port (a restarted server keeping its origin); a free one by default. */
  port?: number;
  /** More settings (e.g. the plate supplier's, SMTP's). */
  env?: Record<string, string>;
}): Promise<SpawnedServer> {
  const builtServer = options.builtServer ?? BUILT_SERVER;
  if (!existsSync(builtServer)) {
    throw new Error(`${builtServer} is missing: build first (npm run build -w @comptoir/web)`);
  }
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${String(port)}`;
  const child = spawn(process.execPath, [builtServer], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      ORIGIN: origin,
      BODY_SIZE_LIMIT: 'Infinity',
      COMPTOIR_DATA_DIR: options.dataDir,
      ...(options.databaseUrl && { DATABASE_URL: options.databaseUrl }),
      ...(options.faults && { COMPTOIR_FAULTS: options.faults }),
      ...(options.demo !== false && { COMPTOIR_DEMO: '1' }),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      // The health route does not open the database; the JWKS route does (migrations, seed).
      const response = await fetch(`${origin}/.well-known/jwks.json`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    origin,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A minimal HTTP client with the session cookie and the Origin header, as a kiosk sends. */
export interface ApiClient {
  login(username: string, password?: string): Promise<string>;
  post(path: string, body: unknown): Promise<{ status: number; text: string }>;
  get(path: string): Promise<{ status: number; text: string }>;
}

/** A client for a spawned server. */
export function apiClient(origin: string): ApiClient {
  let cookie = '';
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: {
        origin,
        cookie,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };
  return {
    async login(username, password = 'demo-password') {
      const response = await send('POST', '/api/auth/login', { username, password });
      if (response.status !== 200) throw new Error(`login failed: ${response.text}`);
      cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const info: unknown = JSON.parse(response.text);
      const id =
        typeof info === 'object' &&
        info &&
        'account' in info &&
        typeof info.account === 'object' &&
        info.account &&
        'id' in info.account
          ? info.account.id
          : undefined;
      if (typeof id !== 'string') throw new Error('login answered no account id');
      return id;
    },
    post: (path, body) => send('POST', path, body),
    get: (path) => send('GET', path),
  };
}
