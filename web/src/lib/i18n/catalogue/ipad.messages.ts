/**
 * The iPad: installing the kiosk on the home screen, which is what keeps its data in Safari
 * (docs/operating.md, "An iPad at the delivery bay").
 */
export const ipadMessages = {
  'ipad.installTitle': {
    fr: "Installer Comptoir sur l'écran d'accueil",
    en: 'Install Comptoir on the home screen',
  },
  'ipad.installWhy': {
    fr: "Dans Safari, un site non installé peut perdre ses données après quelques jours sans usage, dont le travail qui attend d'être envoyé. Installé, Comptoir garde ses données.",
    en: 'In Safari, a site that is not installed may lose its data after a few days without use, including work waiting to be sent. Installed, Comptoir keeps its data.',
  },
  'ipad.installSteps': {
    fr: "Touchez le bouton Partager de Safari, puis « Sur l'écran d'accueil », puis « Ajouter ». Ouvrez ensuite Comptoir par sa nouvelle icône et jumelez l'agent d'impression de nouveau.",
    en: 'Tap Safari’s Share button, then “Add to Home Screen”, then “Add”. Then open Comptoir from its new icon and pair the print agent again.',
  },
  'ipad.installed': {
    fr: "Comptoir est ouvert comme app installée sur l'écran d'accueil.",
    en: 'Comptoir is open as an app installed on the home screen.',
  },
} as const satisfies Record<string, { fr: string; en: string }>;
