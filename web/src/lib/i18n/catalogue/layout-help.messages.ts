/**
 * Texts of the kiosk's frame and help at hand (issue 19): the tablet menu, the per-screen help
 * panel's headings and the first-run checklist of a new administrator (French first); merged
 * into the one catalogue, `messages`. The screens' own help is in `$lib/help/help.catalogue`.
 */
export const layoutHelpMessages = {
  'layout.menu': { fr: 'Menu', en: 'Menu' },
  'form.refusedSeeField': {
    fr: 'Le registre a refusé cette demande : corrigez le champ signalé ci-dessous.',
    en: 'The registry refused this request: fix the field marked below.',
  },
  'settings.forSupport': {
    fr: 'Numéros pour le soutien (version, poste)',
    en: 'Numbers for support (version, kiosk)',
  },
  'help.label': { fr: 'Aide pour cet écran', en: 'Help for this screen' },
  'help.needs': { fr: 'Ce qu’il faut', en: 'What you need' },
  'help.offline': { fr: 'Hors ligne', en: 'Offline' },
  'help.support': { fr: 'Soutien', en: 'Support' },

  'firstRun.title': { fr: 'Pour bien commencer', en: 'Getting started' },
  'firstRun.intro': {
    fr: 'Ce qui reste à faire pour que ce commerce et ce poste soient prêts.',
    en: 'What is left to do so that this dealership and this kiosk are ready.',
  },
  'firstRun.done': { fr: 'Fait', en: 'Done' },
  'firstRun.todo': { fr: 'À faire', en: 'To do' },
  'firstRun.unknown': { fr: 'À vérifier en ligne', en: 'Check online' },
  'firstRun.bank': { fr: 'Inscrire le compte bancaire', en: 'Enter the bank account' },
  'firstRun.kiosk': { fr: 'Enrôler ce poste', en: 'Enrol this kiosk' },
  'firstRun.printer': { fr: 'Jumeler l’imprimante', en: 'Pair the printer' },
  'firstRun.people': {
    fr: 'Créer les opérateurs ou les comptes génériques',
    en: 'Create operators or generic accounts',
  },
  'firstRun.testPage': {
    fr: 'Imprimer la page d’essai de l’agent',
    en: 'Print the agent’s test page',
  },
  'firstRun.allDone': {
    fr: 'Tout est prêt.',
    en: 'All set.',
  },
} as const;
