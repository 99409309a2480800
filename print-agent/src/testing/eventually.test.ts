import { describe, expect, it } from 'vitest';
import { eventually } from './test-agent.js';

describe('eventually', () => {
  it('retries a check that throws until it holds', async () => {
    let calls = 0;
    const value = await eventually(() => {
      calls += 1;
      // Like readdirSync on a folder that cups-pdf makes only with its first job.
      if (calls < 3) throw new Error('ENOENT: no such file or directory');
      return 'found';
    }, 5_000);
    expect(value).toBe('found');
    expect(calls).toBe(3);
  });

  it('gives up after the timeout and names the last error', async () => {
    await expect(
      eventually(() => {
        throw new Error('ENOENT: still missing');
      }, 100),
    ).rejects.toThrow(/not met in time: ENOENT: still missing/);
  });

  it('gives up after the timeout when the check never holds', async () => {
    await expect(eventually(() => false, 100)).rejects.toThrow('condition not met in time');
  });
});
