import { z } from 'zod';

/**
 * Whether a published key signs today (`current`, exactly one) or only verifies what it signed
 * before a rotation (`retired`). A revoked key is never among the keys: it is listed apart.
 */
export const publishedKeyStatusSchema = z.enum(['current', 'retired']);
/** See {@link publishedKeyStatusSchema}. */
export type PublishedKeyStatus = z.infer<typeof publishedKeyStatusSchema>;

/**
 * One public key of the registry as `/.well-known/jwks.json` publishes it: a JWK (open record,
 * checked by jose when imported) with its key id and status.
 */
export const publishedKeySchema = z
  .object({
    kty: z.string(),
    kid: z.string().min(1),
    status: publishedKeyStatusSchema.optional(),
  })
  .loose();
/** See {@link publishedKeySchema}. */
export type PublishedKey = z.infer<typeof publishedKeySchema>;

/** A key the registry no longer vouches for (compromised): nothing it signed is genuine. */
export const revokedKeySchema = z.object({
  kid: z.string().min(1),
  revokedAt: z.iso.datetime({ offset: true }),
});
/** See {@link revokedKeySchema}. */
export type RevokedKey = z.infer<typeof revokedKeySchema>;

/**
 * The registry's JWKS: every key that signed a paper still in circulation (`keys`, a standard
 * JWK Set any JOSE library reads) and the revoked key ids (`revoked`, a Comptoir member other
 * libraries ignore), so that a verifier that keeps keys it learned also learns to drop one.
 *
 * @example
 * const jwks = registryJwksSchema.parse(await (await fetch(`${origin}/.well-known/jwks.json`)).json());
 */
export const registryJwksSchema = z.object({
  keys: z.array(publishedKeySchema),
  revoked: z.array(revokedKeySchema).default([]),
});
/** See {@link registryJwksSchema}. */
export type RegistryJwks = z.infer<typeof registryJwksSchema>;
