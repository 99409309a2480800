import { describe, expect, it } from 'vitest';
import { helpByRoute } from './help.catalogue';

/** Every page on disk, as SvelteKit names its route (`/(kiosk)/atac/nouvelle`). */
const pages = Object.keys(import.meta.glob('../../routes/**/+page.svelte')).map((file) => {
  const id = file.replace(/^.*\/routes/, '').replace(/\/\+page\.svelte$/, '');
  return id === '' ? '/' : id;
});

describe('the help catalogue', () => {
  it('has the help of every screen, and of no screen that is gone', () => {
    expect(pages.length).toBeGreaterThan(30);
    expect(pages.filter((id) => !(id in helpByRoute))).toEqual([]);
    expect(Object.keys(helpByRoute).filter((id) => !pages.includes(id))).toEqual([]);
  });

  it('answers the three questions in both languages, briefly', () => {
    for (const [routeId, help] of Object.entries(helpByRoute)) {
      for (const text of [help.purpose, help.needs, help.offline]) {
        expect(text.fr.length, routeId).toBeGreaterThan(5);
        expect(text.en.length, routeId).toBeGreaterThan(5);
        expect(text.fr.length, `${routeId}: short`).toBeLessThan(200);
      }
    }
  });
});
