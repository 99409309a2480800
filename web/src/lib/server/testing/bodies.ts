import { documentEnvelopeSchema } from '@comptoir/shared';
import { z } from 'zod';

/**
 * Parse schemas for bodies the shared package does not describe yet (proposed for
 * `@comptoir/shared`): the `result` of an applied issuing command, and a listing answer.
 */
export const appliedResultSchema = z.object({
  documents: z.array(
    z.object({ kind: z.string(), number: z.string(), expiresAt: z.string().optional() }),
  ),
});

/** `GET /api/atac|transit` answer. */
export const documentListSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(documentEnvelopeSchema),
});

/** The documents an applied result names (none for a rejected or non-issuing command). */
export function appliedDocuments(result: { result?: unknown } | undefined) {
  const parsed = appliedResultSchema.safeParse(result?.result);
  return parsed.success ? parsed.data.documents : [];
}

/** JSON text parsed as unknown (then given to a schema). */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return value;
}
