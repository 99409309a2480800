import type { BilingualText } from '../bilingual.js';

/**
 * Stable error codes of the counter's money and irreversible acts (the fee shown before a
 * confirmation, the reason of a cancellation); merged into `errorCatalogue`.
 */
export const counterErrors = {
  fee_changed: {
    fr: "Les frais ont changé depuis le sommaire affiché : rien n'a été débité. Revoyez le nouveau montant avec le client, puis confirmez de nouveau.",
    en: 'The fee changed since the summary shown: nothing was debited. Review the new amount with the client, then confirm again.',
  },
  cancel_reason_text_required: {
    fr: 'Précisez la raison de l’annulation (raison « Autre »).',
    en: 'Describe the reason for the cancellation (reason "Other").',
  },
} as const satisfies Record<string, BilingualText>;
