// Kiosk screens render on the client from IndexedDB only (no server `load`): the shell is
// prerendered and precached by the service worker, so every kiosk route opens offline.
export const ssr = false;
export const prerender = true;
