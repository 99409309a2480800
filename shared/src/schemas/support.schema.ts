import { z } from 'zod';

/**
 * The support line shown in every screen's help (`GET /api/support`): who to call, and when.
 * Set per registry (`COMPTOIR_SUPPORT_PHONE`, `COMPTOIR_SUPPORT_HOURS_FR` / `_EN`).
 *
 * @example
 * supportLineSchema.parse({ phone: '1 888 555-0199', hours: { fr: 'Lun-ven, 8 h à 18 h', en: 'Mon-Fri, 8 a.m. to 6 p.m.' } });
 */
export const supportLineSchema = z.object({
  phone: z.string().trim().min(1).max(40),
  hours: z.object({ fr: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) }),
});
/** The support line and its hours, French first. */
export type SupportLine = z.infer<typeof supportLineSchema>;

/** The line shown when the registry sets none (a placeholder number to replace at setup). */
export const DEFAULT_SUPPORT_LINE: SupportLine = {
  phone: '1 888 555-0199',
  hours: {
    fr: 'du lundi au vendredi, de 8 h à 18 h',
    en: 'Monday to Friday, 8 a.m. to 6 p.m.',
  },
};
