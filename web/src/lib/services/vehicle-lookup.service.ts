import {
  isValidVin,
  modelYearOfVin,
  vehicleLookupSchema,
  type VehicleLookup,
} from '@comptoir/shared';
import { kioskDb } from '$lib/offline/kiosk-db';
import { rememberedVehicleLookup, rememberVehicleLookup } from '$lib/offline/vehicle-lookups';
import { session } from '$lib/session/session.svelte';
import { requestJson } from './online-call';

/** Where a look-up's answer came from: the server now, the kiosk's memory, or the VIN alone. */
export type VehicleAnswerSource = 'registry' | 'remembered' | 'vin';

/** What the forms know of a VIN as soon as it is valid. */
export interface VehicleAnswer {
  source: VehicleAnswerSource;
  lookup: VehicleLookup;
}

/**
 * What the VIN itself says, with nothing else known: its model year and the makes of its
 * manufacturer code. The WMI table is imported here, dynamically, so that only the screens
 * that fill a vehicle load it.
 */
async function fromVinAlone(vin: string): Promise<VehicleLookup> {
  const { makesOfVin } = await import('@comptoir/shared/wmi');
  return {
    vin,
    vehicle: null,
    decoded: { modelYear: modelYearOfVin(vin, new Date().getFullYear()), makes: makesOfVin(vin) },
    flags: [],
    issuable: {
      transit: { allowed: true },
      registration: { allowed: true },
      atac: { allowed: true },
    },
  };
}

/**
 * Looks a valid VIN up: online, the server's answer (kept on the kiosk for offline use);
 * offline or refused, the answer this kiosk kept for it, else what the VIN itself says.
 * Undefined for an invalid VIN.
 */
export async function lookUpVehicle(vin: string): Promise<VehicleAnswer | undefined> {
  if (!isValidVin(vin)) return undefined;
  const query = new URLSearchParams();
  if (session.licence) query.set('licence', session.licence);
  const online = await requestJson(
    'GET',
    `/api/vehicles/${encodeURIComponent(vin)}?${query.toString()}`,
    vehicleLookupSchema,
  );
  const db = kioskDb();
  if (online.ok) {
    await rememberVehicleLookup(db, online.value, Date.now()).catch(() => undefined);
    return { source: 'registry', lookup: online.value };
  }
  const remembered = await rememberedVehicleLookup(db, vin).catch(() => undefined);
  if (remembered) return { source: 'remembered', lookup: remembered };
  return { source: 'vin', lookup: await fromVinAlone(vin) };
}
