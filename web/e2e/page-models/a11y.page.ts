import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

/** Smallest touch target (WCAG 2.5.5 AAA, and gloved fingers at a dealer's counter). */
export const MIN_TARGET_PX = 48;

/** axe-core's serious and critical violations on the page as it is now, `id (count)` each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated rather than injected as a <script>: the app's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = Reflect.get(window, 'axe') as {
      run: (options: { resultTypes: string[] }) => Promise<{
        violations: {
          id: string;
          impact?: string | null;
          nodes: { target: unknown[] }[];
        }[];
      }>;
    };
    // Only violations are read: not collecting passes makes a run several times faster.
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${String(violation.nodes.length)}: ${violation.nodes
            .slice(0, 3)
            .map((node) => JSON.stringify(node.target))
            .join(', ')})`,
      );
  });
}

/**
 * Every visible control smaller than {@link MIN_TARGET_PX} in either direction, described as
 * `tag "text" WxH`. A checkbox or radio counts by its label (the label is what a finger hits);
 * a link inside a sentence is exempt (WCAG 2.5.8's inline exception).
 */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [tabindex]:not([tabindex="-1"])';
    const small: string[] = [];
    for (const element of Array.from(document.querySelectorAll(selector))) {
      const target =
        element instanceof HTMLInputElement && ['checkbox', 'radio'].includes(element.type)
          ? (element.closest('label') ?? element)
          : element;
      const box = target.getBoundingClientRect();
      const isVisible =
        box.width > 0 &&
        box.height > 0 &&
        box.right > 0 &&
        box.bottom > 0 &&
        getComputedStyle(target).visibility !== 'hidden' &&
        !target.closest('[inert], dialog:not([open]), .visually-hidden');
      // A link inside a sentence is exempt: its parent says more than the link itself.
      const parent = element.parentElement;
      const isInlineLink =
        element.tagName === 'A' &&
        parent !== null &&
        ['P', 'SPAN', 'LI', 'TD', 'DD'].includes(parent.tagName) &&
        (parent.textContent ?? '').trim().length > (element.textContent ?? '').trim().length;
      if (!isVisible || isInlineLink) continue;
      if (box.width < min || box.height < min) {
        const text = (element.textContent ?? '').trim().slice(0, 30);
        const id = element.id ? `#${element.id}` : '';
        const size = `${String(Math.round(box.width))}x${String(Math.round(box.height))}`;
        small.push(`${element.tagName.toLowerCase()}${id} "${text}" ${size}`);
      }
    }
    return small;
  }, MIN_TARGET_PX);
}
