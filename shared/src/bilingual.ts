/**
 * A text in both languages of Comptoir, French first: error messages, labels on screen and on
 * paper, site-file texts. The one type for it everywhere.
 */
export interface BilingualText {
  fr: string;
  en: string;
}
