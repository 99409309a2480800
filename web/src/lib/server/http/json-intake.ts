/*
 * What a received JSON value may look like before any schema reads it. JSON.parse itself
 * is safe at any depth, but much of what follows (hashing, schemas, audit) walks values
 * recursively: a 3,000-level op overflowed the stack and turned its whole batch into a 500.
 * And keys named like JavaScript's object machinery are data JavaScript does not treat as
 * data (an assignment to `__proto__` sets a prototype): no contract uses them, so they are
 * refused wherever they appear.
 */

/** Keys refused anywhere in a body. */
export const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const SPECIAL = new Set<string>(SPECIAL_KEYS);

/** Deepest nesting of a body or of one command (a command needs 6). */
export const MAX_JSON_DEPTH = 32;

/** Why a received value is refused, with the path of the offending part. */
export interface JsonShapeProblem {
  path: string;
  code: 'json_too_deep' | 'json_forbidden_key';
}

/**
 * True when JSON `text` nests deeper than `maxDepth` (a scan of the text, before it is
 * parsed: the cheapest refusal).
 */
export function textNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index += 1; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return false;
}

/**
 * The first problem of a parsed value (nesting deeper than `maxDepth`, a special key), or
 * null. Walks with a heap stack, so any depth is safe; `prefix` names where the value sits.
 */
export function jsonShapeProblem(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
  prefix = '',
): JsonShapeProblem | null {
  const stack: { value: unknown; depth: number; path: string }[] = [
    { value, depth: 0, path: prefix },
  ];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const current = item.value;
    if (current === null || typeof current !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) return { path: item.path, code: 'json_too_deep' };
    const join = (key: string) => (item.path === '' ? key : `${item.path}.${key}`);
    if (Array.isArray(current)) {
      current.forEach((entry: unknown, index) => {
        stack.push({ value: entry, depth, path: join(String(index)) });
      });
      continue;
    }
    for (const key of Object.keys(current)) {
      if (SPECIAL.has(key)) return { path: join(key), code: 'json_forbidden_key' };
      stack.push({ value: Reflect.get(current, key), depth, path: join(key) });
    }
  }
  return null;
}
