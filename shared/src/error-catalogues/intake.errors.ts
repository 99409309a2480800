import type { BilingualText } from '../bilingual.js';

/** Field codes of JSON bodies refused as received (before any schema); merged into `errorCatalogue`. */
export const intakeErrors = {
  json_too_deep: {
    fr: 'Les données sont imbriquées trop profondément.',
    en: 'The data is nested too deeply.',
  },
  json_forbidden_key: {
    fr: 'Nom de champ interdit (__proto__, constructor ou prototype).',
    en: 'Forbidden field name (__proto__, constructor or prototype).',
  },
} satisfies Record<string, BilingualText>;
