import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './spawn-server.js';

/** Debian's nginx (`scripts/test-env.mjs` installs it). */
const NGINX = '/usr/sbin/nginx';

/** A running nginx of the test's own (own prefix, config and port; never the system's). */
export interface Balancer {
  origin: string;
  /** The upstream address of every request proxied so far (`127.0.0.1:port`), in order. */
  upstreams(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Starts nginx round-robin in front of `upstreams` (origins such as `http://127.0.0.1:4100`),
 * on 127.0.0.1 and a free port, in the foreground as a child of the test, with its own temp
 * prefix: its config, logs, pid and temp files stay there and go with it.
 */
export async function startBalancer(
  upstreams: readonly string[],
  options: { port?: number } = {},
): Promise<Balancer> {
  if (!existsSync(NGINX)) {
    throw new Error(
      `${NGINX} is missing: run through \`npm test\` (scripts/test-env.mjs installs nginx)`,
    );
  }
  const prefix = await mkdtemp(join(tmpdir(), 'comptoir-nginx-'));
  await mkdir(join(prefix, 'logs'));
  const port = options.port ?? (await freePort());
  const servers = upstreams.map((origin) => `    server ${new URL(origin).host};`).join('\n');
  await writeFile(
    join(prefix, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 512; }
http {
  log_format upstream '$upstream_addr';
  access_log ${prefix}/logs/access.log upstream;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  client_max_body_size 2m;
  upstream registry {
${servers}
    keepalive 32;
    # Under Node's own keep-alive timeout (5 s): nginx must never reuse a connection Node is
    # closing, or a POST (never retried) answers 502.
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${String(port)};
    location / {
      proxy_pass http://registry;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs', 'error.log')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${String(port)}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited early:\n${output}`);
    try {
      await fetch(`${origin}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`nginx did not start:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    origin,
    async upstreams() {
      const text = await readFile(join(prefix, 'logs', 'access.log'), 'utf8');
      return text.split('\n').filter((line) => line.length > 0);
    },
    async stop() {
      // SIGQUIT: a graceful stop of this nginx only (its own master process, our child).
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
