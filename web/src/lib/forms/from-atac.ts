import {
  vehicleTypes,
  type AtacCreate,
  type FollowsAtac,
  type IssuedDocumentOf,
} from '@comptoir/shared';
import {
  emptyParty,
  fromCents,
  partyValuesOf,
  vehicleValuesOf,
  type PartyValues,
  type VehicleValues,
} from './form-values';
import { emptyRegistration, type RegistrationValues } from './registration.form';
import { emptyTransit, type TransitValues } from './transit.form';

/**
 * Where an ATAC's sale can be read back on this kiosk, to prefill the transit or registration
 * that follows it: the person's own `atac.create` command (exact names, works offline and
 * before the server answered), else the ATAC document kept for viewing.
 */
export type AtacSaleSource =
  | { kind: 'command'; payload: AtacCreate; commandId: string; number: string | undefined }
  | { kind: 'document'; document: IssuedDocumentOf<'atac'> };

/** What a transit or registration takes from the ATAC of the sale, as form values. */
export interface AtacSale {
  /** The ATAC, as the new command records it (its number once issued, else its command id). */
  link: FollowsAtac;
  vehicle: VehicleValues;
  buyers: PartyValues[];
  holderIndex: number;
  tradeInCents: number;
}

/** A person or business as the ATAC paper prints it, back into the form. */
function partyOfDocument(party: IssuedDocumentOf<'atac'>['buyers'][number]): PartyValues {
  const address = {
    line1: party.address?.line1 ?? '',
    city: party.address?.city ?? '',
    province: party.address?.province ?? 'QC',
    postalCode: party.address?.postalCode ?? '',
    country: party.address?.country ?? 'CA',
  };
  if (party.neq !== undefined) {
    return { ...emptyParty(), ...address, kind: 'business', name: party.name, neq: party.neq };
  }
  // ATACs issued since the link existed carry the names apart; older ones print one name,
  // split at its last space (the person corrects a compound surname before saving).
  const split = party.name.lastIndexOf(' ');
  const firstName =
    typeof party.firstName === 'string' ? party.firstName : party.name.slice(0, Math.max(0, split));
  const lastName =
    typeof party.lastName === 'string' ? party.lastName : party.name.slice(split + 1);
  return {
    ...emptyParty(),
    ...address,
    kind: 'person',
    firstName,
    lastName,
    driverLicence: party.driverLicence ?? '',
  };
}

function vehicleOfDocument(vehicle: IssuedDocumentOf<'atac'>['vehicle']): VehicleValues {
  return {
    vin: vehicle.vin,
    make: vehicle.make,
    model: vehicle.model,
    year: String(vehicle.year),
    type: vehicleTypes.find((type) => type === vehicle.type) ?? 'automobile',
    netMassKg: vehicle.netMassKg === undefined ? '' : String(vehicle.netMassKg),
    condition: vehicle.condition === 'new' ? 'new' : 'used',
    odometerKm: vehicle.odometerKm === undefined ? '' : String(vehicle.odometerKm),
    colour: vehicle.colour ?? '',
  };
}

/** The sale of an ATAC found on this kiosk (its command, or its document). */
export function saleOf(source: AtacSaleSource): AtacSale {
  if (source.kind === 'command') {
    const payload: AtacCreate = source.payload;
    return {
      link:
        source.number === undefined ? { commandId: source.commandId } : { number: source.number },
      vehicle: vehicleValuesOf(payload.vehicle),
      buyers: payload.buyers.map(partyValuesOf),
      holderIndex: payload.holderIndex,
      tradeInCents: payload.tradeInCents,
    };
  }
  const { document } = source;
  return {
    link: { number: document.number },
    vehicle: vehicleOfDocument(document.vehicle),
    buyers: document.buyers.map(partyOfDocument),
    holderIndex: document.holderIndex,
    tradeInCents: document.amounts.tradeInCents,
  };
}

/** A transit for the sale's vehicle, held by the ATAC's designated holder. */
export function transitValuesFromSale(sale: AtacSale): TransitValues {
  return {
    ...emptyTransit(),
    vehicle: sale.vehicle,
    holder: sale.buyers[sale.holderIndex] ?? emptyParty(),
    followsAtac: sale.link,
  };
}

/**
 * A registration of the sale: vehicle, buyers and holder; a trade-in's allowance when the ATAC
 * has one (its VIN is not on the ATAC: the person types it).
 */
export function registrationValuesFromSale(sale: AtacSale): RegistrationValues {
  return {
    ...emptyRegistration(),
    vehicle: sale.vehicle,
    buyers: sale.buyers,
    holderIndex: sale.holderIndex,
    hasTradeIn: sale.tradeInCents > 0,
    tradeInAllowance: sale.tradeInCents > 0 ? fromCents(sale.tradeInCents) : '',
    followsAtac: sale.link,
  };
}
