import { z } from 'zod';
import { driverLicenceSchema, neqSchema } from './primitives.schema.js';

/** Asks whether a driving licence is valid (free check). */
export const licenceCheckQuerySchema = z.object({ driverLicence: driverLicenceSchema }).strict();
/** A licence-validity query (parsed). */
export type LicenceCheckQuery = z.infer<typeof licenceCheckQuerySchema>;

/** Asks whether a person (by driving licence) or a business (by NEQ) may register a vehicle. */
export const rightToRegisterQuerySchema = z.union([
  z.object({ driverLicence: driverLicenceSchema }).strict(),
  z.object({ neq: neqSchema }).strict(),
]);
/** A right-to-register query (parsed). */
export type RightToRegisterQuery = z.infer<typeof rightToRegisterQuerySchema>;
