import type { BilingualText } from '../bilingual.js';

/**
 * Stable error codes of the operators of a shared (generic) account: names and PINs are each
 * one person's; merged into `errorCatalogue`. The PIN refusal never says whose PIN it is.
 */
export const sharedKioskErrors = {
  operator_taken: {
    fr: 'Ce nom ou ce NIP est déjà utilisé par un autre opérateur de ce compte.',
    en: 'This name or PIN is already used by another operator of this account.',
  },
  operator_name_taken: {
    fr: 'Un autre opérateur porte déjà ce nom : ajoutez une initiale pour les distinguer.',
    en: 'Another operator already has this name: add an initial to tell them apart.',
  },
  operator_pin_taken: {
    fr: 'Ce NIP est déjà utilisé : choisissez-en un autre.',
    en: 'This PIN is already in use: choose another one.',
  },
} as const satisfies Record<string, BilingualText>;
