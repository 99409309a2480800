import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

function wrapped(value: unknown, depth: number): unknown {
  let current = value;
  for (let level = 0; level < depth; level += 1) current = [current];
  return current;
}

describe('canonicalJson', () => {
  it('writes any depth without overflowing, the same text as shallow values get', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Past 200 levels the iterative writer takes over: it must agree with the recursive one.
        expect(canonicalJson(wrapped(value, 300))).toBe(
          `${'['.repeat(300)}${canonicalJson(value)}${']'.repeat(300)}`,
        );
      }),
    );
    expect(canonicalJson(wrapped({ b: 1, a: undefined }, 100_000)).length).toBe(200_007);
  });

  it('counts every own key, __proto__ included', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const one: unknown = JSON.parse(`{"a":1,"${key}":{"x":1}}`);
      const two: unknown = JSON.parse(`{"a":1,"${key}":{"x":2}}`);
      expect(canonicalJson(one)).not.toBe(canonicalJson(two));
      expect(canonicalJson(wrapped(one, 300))).not.toBe(canonicalJson(wrapped(two, 300)));
      expect(canonicalJson(one)).toContain(`"${key}":{"x":1}`);
    }
  });
});
