import { appliedResultSchema } from '@comptoir/shared';

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
