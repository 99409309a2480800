import { z } from 'zod';
import { bilingualMessageSchema } from '../errors.js';
import { historyFlags } from '../domain/history.js';
import { vehicleCategories, vehicleTypes } from './vehicle.schema.js';

/**
 * Whether one kind of paper may be issued for a vehicle now; when not, the stable code of the
 * first reason and its French and English message (the catalogue's), shown beside the VIN.
 */
export const issuabilitySchema = z.discriminatedUnion('allowed', [
  z.object({ allowed: z.literal(true) }).strict(),
  z
    .object({ allowed: z.literal(false), code: z.string(), message: bilingualMessageSchema })
    .strict(),
]);
/** One kind's answer of a vehicle look-up. */
export type Issuability = z.infer<typeof issuabilitySchema>;

/** What the registry knows of a vehicle, as a dealer may see it: never a name or an address. */
export const registryVehicleSchema = z
  .object({
    make: z.string(),
    model: z.string(),
    year: z.number(),
    type: z.enum(vehicleTypes),
    netMassKg: z.number(),
    category: z.enum(vehicleCategories),
    colour: z.string().nullable(),
    /** More than one current owner (the registry's co-ownership). */
    isCoOwned: z.boolean(),
  })
  .strict();
/** A registry vehicle as looked up. */
export type RegistryVehicle = z.infer<typeof registryVehicleSchema>;

/**
 * `GET /api/vehicles/[vin]?licence=` (every dealer role): what the registry knows of a VIN
 * (`vehicle`, null when it does not know it), what the VIN itself says (`decoded`: the model
 * year of its 10th character, the makes of its manufacturer code), the flags its category
 * raises (VGE, irrécupérable...), and what may be issued for it now under the licence.
 */
export const vehicleLookupSchema = z
  .object({
    vin: z.string(),
    vehicle: registryVehicleSchema.nullable(),
    decoded: z.object({ modelYear: z.number().nullable(), makes: z.array(z.string()) }).strict(),
    flags: z.array(z.enum(historyFlags)),
    issuable: z
      .object({
        transit: issuabilitySchema,
        registration: issuabilitySchema,
        atac: issuabilitySchema,
      })
      .strict(),
  })
  .strict();
/** A vehicle look-up's answer. */
export type VehicleLookup = z.infer<typeof vehicleLookupSchema>;
