/**
 * Reads a variable the test environment (`npm test` through scripts/test-env.mjs) exports.
 * Unset is a failure, never a skip: a test that silently does not run proves nothing.
 */
export function requireTestEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the tests through \`npm test\` at the repo root (it starts CUPS and exports it), or set ${name} yourself.`,
    );
  }
  return value;
}
