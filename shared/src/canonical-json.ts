import type { Command } from './commands/command.schema.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const entry: unknown = Reflect.get(value, key);
      // Absent and undefined are the same command: JSON drops undefined anyway.
      if (entry !== undefined) sorted[key] = sortKeys(entry);
    }
    return sorted;
  }
  return value;
}

/**
 * JSON with object keys sorted at every depth: two equal values give the same text whatever
 * their key order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * The canonical text of a PARSED command (normalized by `commandSchema`), which the server
 * hashes for its idempotency record: the same id with another canonical text is
 * `idempotency_conflict`, the same text a replay.
 */
export function canonicalCommandJson(command: Command): string {
  return canonicalJson(command);
}
