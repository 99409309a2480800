import { describe, expect, it } from 'vitest';
import { DriverError } from '../printer-driver.js';
import { createWindowsDriver } from './windows.driver.js';

describe('windows driver away from Windows', () => {
  it('says plainly it is not available here, for status and for sends', async () => {
    const driver = createWindowsDriver('Bureau', 'linux');
    expect(await driver.status()).toMatchObject({
      state: 'unavailable',
      reason: { code: 'windows_only' },
    });
    const send = driver.send(Uint8Array.from([1]), { title: 't', timeoutMs: 1000 });
    await expect(send).rejects.toBeInstanceOf(DriverError);
    await expect(send).rejects.toMatchObject({ code: 'windows_only' });
  });
});
