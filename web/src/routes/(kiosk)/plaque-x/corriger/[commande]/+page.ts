// One page per command or transaction: not prerendered; offline, the service worker serves
// the shell for it and the client renders it from IndexedDB.
export const prerender = false;
