import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * An iPad has no pointer that hovers: whatever a `:hover` style shows must also show to a
 * keyboard or a tap, so every selector list with `:hover` also names `:focus-visible` or
 * `:active` (issue 21, "no hover-only controls"). Also: the installed app keeps clear of the
 * safe areas.
 */
const srcDir = fileURLToPath(new URL('../..', import.meta.url));

function styleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return styleFiles(path);
    return /\.(svelte|css)$/.test(entry.name) ? [path] : [];
  });
}

/** The selector lists of a style text (the part before each `{`). */
function selectorLists(css: string): string[] {
  return [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{};]+)\{/g)].map((match) =>
    (match[1] ?? '').trim(),
  );
}

describe('touch first', () => {
  it('has no style that only a hovering pointer can see', () => {
    const hoverOnly = styleFiles(srcDir).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const css = file.endsWith('.svelte')
        ? [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '').join('\n')
        : text;
      return selectorLists(css)
        .filter((list) => list.includes(':hover') && !/:focus-visible|:active/.test(list))
        .map((list) => `${file.slice(srcDir.length)}: ${list}`);
    });
    expect(hoverOnly).toEqual([]);
  });

  it('keeps the installed iPad app inside the safe areas', () => {
    const html = readFileSync(join(srcDir, 'app.html'), 'utf8');
    expect(html).toMatch(/viewport-fit=cover/);
    expect(html).toMatch(/rel="apple-touch-icon"[^>]*href="\/icons\/apple-touch-icon\.png"/);
    expect(html).toMatch(/name="apple-mobile-web-app-status-bar-style"/);
    const css = readFileSync(join(srcDir, 'lib/styles/ipad.css'), 'utf8');
    for (const side of ['top', 'right', 'bottom', 'left'])
      expect(css).toContain(`env(safe-area-inset-${side}`);
  });
});
