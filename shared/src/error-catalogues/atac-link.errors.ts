import type { BilingualText } from '../bilingual.js';

/** Stable error codes of the ATAC a transit or registration follows; merged into `errorCatalogue`. */
export const atacLinkErrors = {
  atac_not_found: {
    fr: 'Aucune ATAC de ce commerçant ne porte ce numéro.',
    en: 'No ATAC of this dealer has this number.',
  },
  atac_other_vehicle: {
    fr: 'Cette ATAC porte sur un autre véhicule (NIV différent).',
    en: 'This ATAC is for another vehicle (different VIN).',
  },
} as const satisfies Record<string, BilingualText>;
