// The web process's command-line flags (`node build --port 3101 --data-dir /srv/comptoir`), by
// the one rule of docs/configuration.md: flag > environment > default. A flag sets the variable
// adapter-node and the server read, so there is one place that reads each setting. No flag for
// what must not show in `ps` (DATABASE_URL with its password, the secret key).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';

/** Each flag and the variable it stands for. */
export const WEB_FLAGS = {
  host: 'HOST',
  port: 'PORT',
  origin: 'ORIGIN',
  'data-dir': 'COMPTOIR_DATA_DIR',
};

/**
 * The environment the server runs with: `env` with each given flag's value in its variable.
 * Throws (a readable message) on an unknown flag, a missing value or a port that is no port.
 * @example webEnvironment(['--port', '3101'], { PORT: '3000' }).PORT === '3101'
 * @param {readonly string[]} args
 * @param {Record<string, string | undefined>} env
 */
export function webEnvironment(args, env) {
  const { values } = parseArgs({
    args: [...args],
    options: Object.fromEntries(Object.keys(WEB_FLAGS).map((flag) => [flag, { type: 'string' }])),
    strict: true,
    allowPositionals: false,
  });
  const port = values.port;
  if (port !== undefined && !/^\d{1,5}$/.test(port)) {
    throw new Error(`--port ${port}: a port is a number from 0 to 65535`);
  }
  const result = { ...env };
  for (const [flag, variable] of Object.entries(WEB_FLAGS)) {
    const value = values[flag];
    if (value === undefined) continue;
    // A relative data dir is the caller's, not the build folder's.
    result[variable] = flag === 'data-dir' ? resolve(value) : value;
  }
  return result;
}
