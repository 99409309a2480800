// The built server's entry (`node build`): adapter-node's server, wrapped.
//
// SvelteKit's hooks see only rendered pages and endpoints: the prerendered kiosk shell (`/`,
// `/connexion`, deep links) and static files are answered before them, so they went out with
// no anti-framing and no `nosniff`. Here every answer gets them first (a route may still set
// its own, stricter, values), with no reverse proxy needed.
//
// And the data this process writes (database, keys) is for this process's user alone: files
// 0600, directories 0700, from the first start.
process.umask(0o077);

/** Headers every answer of the web server carries. */
export const BASELINE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

// Flags first: adapter-node reads HOST, PORT and ORIGIN when it is imported.
const { webEnvironment } = await import('./flags.js');
try {
  Object.assign(process.env, webEnvironment(process.argv.slice(2), process.env));
} catch (error) {
  console.error(`comptoir: ${error instanceof Error ? error.message : String(error)}`);
  console.error(
    'usage: node build [--host <address>] [--port <n>] [--origin <url>] [--data-dir <dir>]',
  );
  process.exit(64);
}

// The print agents the kiosk's scripts may reach (./agent-origins.js), read before serving.
const { agentOrigins, keepPolicy, narrowingPolicy } = await import('./agent-origins.js');
let connectPolicy;
try {
  connectPolicy = narrowingPolicy(agentOrigins(process.env.COMPTOIR_AGENT_ORIGINS));
} catch (error) {
  console.error(`comptoir: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(64);
}

const adapter = await import('./adapter-index.js');
// A flood of refused writes is answered here past a small allowance per address, before
// SvelteKit spends a millisecond on each (./early-refusals.js). `COMPTOIR_EARLY_REFUSALS=0`
// turns it off (the bench's baseline).
if (process.env.COMPTOIR_EARLY_REFUSALS !== '0') {
  const { installEarlyRefusals } = await import('./early-refusals.js');
  installEarlyRefusals(adapter.server.server, {
    origin: process.env.ORIGIN,
    trustProxy: process.env.COMPTOIR_TRUST_PROXY === '1',
    headers: BASELINE_HEADERS,
  });
}
adapter.server.server.prependListener('request', (_request, response) => {
  for (const [name, value] of Object.entries(BASELINE_HEADERS)) {
    if (name !== 'content-security-policy') response.setHeader(name, value);
  }
  keepPolicy(response, connectPolicy);
});

export const { host, path, port, server } = adapter;
