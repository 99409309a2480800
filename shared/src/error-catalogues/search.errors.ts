import type { BilingualText } from '../bilingual.js';

/** Stable error codes of the search box (issue "The finish"); merged into `errorCatalogue`. */
export const searchErrors = {
  search_nothing_to_find: {
    fr: 'Tapez un NIV (ou ses 6 derniers caractères), un nom, un numéro de document ou une plaque.',
    en: 'Type a VIN (or its last 6 characters), a name, a document number or a plate.',
  },
} as const satisfies Record<string, BilingualText>;
