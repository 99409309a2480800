import type { Locator, Page } from '@playwright/test';
import { vinFor } from '../../src/lib/testing/command.factory';

/**
 * What a person does at the counter, counted: characters typed and clicks (a choice in a
 * list counts as one click). Navigation by address is not counted: the person taps a tile.
 */
export class Effort {
  keystrokes = 0;
  clicks = 0;

  constructor(readonly page: Page) {}

  async type(locator: Locator, text: string): Promise<void> {
    this.keystrokes += text.length;
    await locator.fill(text);
  }

  async click(locator: Locator): Promise<void> {
    this.clicks += 1;
    await locator.click();
  }

  /** Types the vehicle fieldset of vehicle `index`. */
  async vehicle(index: number): Promise<void> {
    const { page } = this;
    await this.type(page.locator('#vehicle-vin'), vinFor(index));
    await this.type(page.locator('#vehicle-make'), 'Honda');
    await this.type(page.locator('#vehicle-model'), 'Civic');
    await this.type(page.locator('#vehicle-year'), '2019');
    await this.type(page.locator('#vehicle-mass'), '1300');
    await this.type(page.locator('#vehicle-odometer'), '42000');
  }

  /** Types a person whose field ids start with `prefix` (`buyer-0`, `holder`). */
  async person(prefix: string, index: number): Promise<void> {
    const { page } = this;
    await this.type(page.locator(`#${prefix}-first-name`), 'Marie');
    await this.type(page.locator(`#${prefix}-last-name`), `Tremblay${String(index)}`);
    await this.type(page.locator(`#${prefix}-licence`), `T${String(index).padStart(12, '0')}`);
    await this.type(page.locator(`#${prefix}-line1`), '123, rue Principale');
    await this.type(page.locator(`#${prefix}-city`), 'Québec');
    await this.type(page.locator(`#${prefix}-postal`), 'G1R 4P5');
  }

  /** Types a whole ATAC (one buyer) and saves it; lands on its queue entry. */
  async atac(index: number): Promise<void> {
    const { page } = this;
    await this.vehicle(index);
    await this.person('buyer-0', index);
    await this.type(page.locator('#sale-price'), '25000');
    await this.type(page.locator('#gst'), '1250');
    await this.type(page.locator('#qst-base'), '25000');
    await this.save(/\/file-attente\/[0-9a-f-]+$/);
  }

  /** Presses "Enregistrer" and waits for the page the saved command opens. */
  async save(landing: RegExp): Promise<void> {
    await this.click(this.page.getByRole('button', { name: 'Enregistrer', exact: true }));
    await this.page.waitForURL(landing);
  }

  /** `keystrokes / clicks`, for the test output. */
  toString(): string {
    return `${String(this.keystrokes)} characters typed, ${String(this.clicks)} clicks`;
  }
}
