import type { BilingualText } from '../bilingual.js';

/**
 * Stable error code of a text the paper cannot print faithfully (`domain/printable-text.ts`);
 * merged into `errorCatalogue`. A refused field's message names the characters instead of this
 * generic one.
 */
export const printableTextErrors = {
  unprintable_character: {
    fr: 'Ce texte contient un caractère impossible à imprimer fidèlement sur le document.',
    en: 'This text has a character the document cannot print faithfully.',
  },
} as const satisfies Record<string, BilingualText>;
