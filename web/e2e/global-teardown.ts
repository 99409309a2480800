import { rm } from 'node:fs/promises';

/** Removes the temporary data dir the config created for the web server. */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.COMPTOIR_E2E_DATA_DIR;
  if (dir?.includes('comptoir-e2e-')) await rm(dir, { recursive: true, force: true });
}
