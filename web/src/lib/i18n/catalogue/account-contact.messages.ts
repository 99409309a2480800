/** Texts of the person's own address for notices, in the settings (French first); merged into the one catalogue, `messages`. */
export const accountContactMessages = {
  'noticeContact.title': { fr: 'Avis par courriel', en: 'Notices by e-mail' },
  'noticeContact.hint': {
    fr: 'Où vous recevez les avis importants (compte bancaire modifié, borne inscrite) et dans quelle langue. Conseil : une adresse professionnelle de la concession, lue même en votre absence.',
    en: 'Where you receive important notices (bank account changed, kiosk enrolled) and in which language. Advice: a professional address of the dealership, read even when you are away.',
  },
  'noticeContact.email': { fr: 'Adresse courriel', en: 'E-mail address' },
  'noticeContact.language': { fr: 'Langue des avis', en: 'Language of notices' },
  'noticeContact.french': { fr: 'Français', en: 'French' },
  'noticeContact.english': { fr: 'Anglais', en: 'English' },
  'noticeContact.save': { fr: 'Enregistrer l’adresse', en: 'Save the address' },
  'noticeContact.saved': {
    fr: 'Adresse enregistrée : {email}.',
    en: 'Address saved: {email}.',
  },
  'noticeContact.none': {
    fr: 'Aucune adresse : vous ne recevez aucun avis.',
    en: 'No address: you receive no notices.',
  },
} as const satisfies Record<string, { fr: string; en: string }>;
