import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds } from './json-body.js';

describe('jsonDepthExceeds', () => {
  it('counts nesting outside strings only, escaped quotes included', () => {
    expect(jsonDepthExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: '[[[[[[' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: 'say "[[[[" \\', b: '{{{{' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: '\\\\"', b: [[[1]]] }), 3)).toBe(true);
    expect(jsonDepthExceeds(`${JSON.stringify('\\')}[[[[`, 3)).toBe(true);
  });

  it('gives up on an unterminated string, leaving the refusal to the parser', () => {
    expect(jsonDepthExceeds('{"a":"[[[[[', 1)).toBe(false);
  });
});
