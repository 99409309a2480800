/** Texts of the vehicle look-up beside the VIN (French first); merged into the one catalogue, `messages`. */
export const vehicleLookupMessages = {
  'vehicleLookup.searching': { fr: 'Recherche du véhicule…', en: 'Looking the vehicle up…' },
  'vehicleLookup.registry': {
    fr: 'Au registre : {make} {model} {year}.',
    en: 'In the registry: {make} {model} {year}.',
  },
  'vehicleLookup.remembered': {
    fr: 'Hors ligne : véhicule vu récemment sur ce poste ({make} {model} {year}).',
    en: 'Offline: vehicle seen recently on this kiosk ({make} {model} {year}).',
  },
  'vehicleLookup.unknown': {
    fr: 'Inconnu du registre : marque et année lues dans le NIV, vérifiez-les.',
    en: 'Unknown to the registry: make and year read from the VIN, check them.',
  },
  'vehicleLookup.vinOnly': {
    fr: 'Hors ligne : marque et année lues dans le NIV, vérifiez-les.',
    en: 'Offline: make and year read from the VIN, check them.',
  },
  'vehicleLookup.conflicts': {
    fr: 'Ce que vous avez tapé diffère du registre : {fields}.',
    en: 'What you typed differs from the registry: {fields}.',
  },
  'vehicleLookup.take': { fr: 'Prendre les valeurs du registre', en: "Take the registry's values" },
  'vehicleLookup.flag.total_loss': {
    fr: 'Véhicule irrécupérable (perte totale) au registre.',
    en: 'Total loss (irrécupérable) in the registry.',
  },
  'vehicleLookup.flag.severely_damaged': {
    fr: 'Véhicule gravement endommagé (VGE) au registre.',
    en: 'Severely damaged vehicle (VGE) in the registry.',
  },
  'vehicleLookup.flag.off_road_no_inspection': {
    fr: "Remisé sans certificat d'inspection au registre.",
    en: 'Off the road without an inspection certificate in the registry.',
  },
  'vehicleLookup.flag.home_built': {
    fr: 'Véhicule assemblé au registre.',
    en: 'Home-built vehicle in the registry.',
  },
} as const;
