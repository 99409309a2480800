/**
 * A reason the server must not start (a missing or mismatched secret, say). The message says
 * what to fix and never holds a secret; the start path prints it and the process exits.
 */
export class StartupRefusal extends Error {
  override readonly name = 'StartupRefusal';
}
