import { SvelteSet } from 'svelte/reactivity';

/** Forms with unsaved typing: a new app version waits until none is dirty. */
export const formActivity = { dirtyForms: new SvelteSet<string>() };
