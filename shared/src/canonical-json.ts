import type { Command } from './commands/command.schema.js';

/** Past this depth the recursive copy gives way to the iterative writer (no stack overflow). */
const RECURSION_DEPTH = 200;

class TooDeep extends Error {}

function isWritten(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function sortKeys(value: unknown, depth: number): unknown {
  if (depth > RECURSION_DEPTH) throw new TooDeep();
  if (Array.isArray(value)) return value.map((entry: unknown) => sortKeys(entry, depth + 1));
  if (value !== null && typeof value === 'object') {
    // No prototype: a received `__proto__` key is kept as data, never taken for the prototype
    // (it was invisible to the idempotency hash: two bodies differing inside it were a replay).
    const sorted: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) {
      const entry: unknown = Reflect.get(value, key);
      // Absent and undefined are the same command: JSON drops undefined anyway.
      if (entry !== undefined) sorted[key] = sortKeys(entry, depth + 1);
    }
    return sorted;
  }
  return value;
}

type Piece = { text: string } | { value: unknown };

/** The same text as `JSON.stringify(sortKeys(value))`, written with a heap stack. */
function canonicalJsonIterative(value: unknown): string {
  const out: string[] = [];
  const stack: Piece[] = [{ value }];
  for (let piece = stack.pop(); piece !== undefined; piece = stack.pop()) {
    if ('text' in piece) {
      out.push(piece.text);
      continue;
    }
    const current = piece.value;
    const pieces: Piece[] = [];
    if (Array.isArray(current)) {
      pieces.push({ text: '[' });
      current.forEach((entry: unknown, index) => {
        if (index > 0) pieces.push({ text: ',' });
        pieces.push(isWritten(entry) ? { value: entry } : { text: 'null' });
      });
      pieces.push({ text: ']' });
    } else if (current !== null && typeof current === 'object') {
      pieces.push({ text: '{' });
      let count = 0;
      // The key order JSON.stringify gives the sorted copy: integer-like keys first.
      const sorted: Record<string, true> = Object.create(null) as Record<string, true>;
      for (const key of Object.keys(current).sort()) sorted[key] = true;
      for (const key of Object.keys(sorted)) {
        const entry: unknown = Reflect.get(current, key);
        if (!isWritten(entry)) continue;
        pieces.push({ text: `${count > 0 ? ',' : ''}${JSON.stringify(key)}:` }, { value: entry });
        count += 1;
      }
      pieces.push({ text: '}' });
    } else {
      out.push(JSON.stringify(current));
      continue;
    }
    for (let index = pieces.length - 1; index >= 0; index -= 1) {
      const next = pieces[index];
      if (next) stack.push(next);
    }
  }
  return out.join('');
}

/**
 * JSON with object keys sorted at every depth: two equal values give the same text whatever
 * their key order. Every own key counts, `__proto__` included; any depth is written without
 * overflowing the stack (a 3,000-level op used to turn a whole batch into a 500).
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(sortKeys(value, 0));
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    return canonicalJsonIterative(value);
  }
}

/**
 * The canonical text of a PARSED command (normalized by `commandSchema`), which the server
 * hashes for its idempotency record: the same id with another canonical text is
 * `idempotency_conflict`, the same text a replay.
 */
export function canonicalCommandJson(command: Command): string {
  return canonicalJson(command);
}
