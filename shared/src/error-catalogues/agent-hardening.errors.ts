import type { BilingualText } from '../bilingual.js';

/** Stable error codes of the print agent's edge (Host check, pairing lock, bounded JSON); merged into `errorCatalogue`. */
export const agentHardeningErrors = {
  host_not_allowed: {
    fr: 'Nom d’hôte inconnu de l’agent : utilisez son adresse ou son nom configuré.',
    en: 'Host name unknown to the agent: use its address or configured name.',
  },
  pairing_code_locked: {
    fr: 'Trop de codes erronés : le jumelage est bloqué jusqu’à l’expiration du code ou un nouveau code sur la page d’administration.',
    en: 'Too many wrong codes: pairing is locked until the code expires or a new one is made on the admin page.',
  },
  kiosk_unknown: {
    fr: 'Borne jumelée introuvable.',
    en: 'Paired kiosk not found.',
  },
  json_too_deep: {
    fr: 'Contenu JSON trop imbriqué.',
    en: 'JSON content nested too deeply.',
  },
} as const satisfies Record<string, BilingualText>;
