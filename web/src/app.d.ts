// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionAccount } from '$lib/server/accounts/session.service';
import type { ServerContext } from '$lib/server/context';

declare global {
  namespace App {
    /** Set by hooks.server.ts on every server request. */
    interface Locals {
      /** The process's server context (storage, signer, clock); created on first request. */
      server: ServerContext;
      /** The signed-in account, or null. */
      account: SessionAccount | null;
    }
    // interface Error {}
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
