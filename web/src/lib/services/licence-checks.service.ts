import { driverLicenceSchema, errorCatalogue } from '@comptoir/shared';
import { checkDriverLicence, checkRightToRegister } from './registry-queries.service';

/** What a form asks of a Québec licence as soon as it is typed. */
export type LicenceCheckKind = 'validity' | 'right_to_register';

/** A bilingual sentence said beside the licence field. */
export type LicenceNotice = { fr: string; en: string };

/**
 * What to say beside a typed Québec driving licence, online, before the form goes on
 * (docs/domain.md#refusals-before-the-form): "not valid" (suspended or expired) or "right to
 * register blocked", from the free checks (each audited by the server). Nothing when the
 * licence is mistyped (the form says that), offline, or unknown to the registry: the server
 * refuses no command for a licence it does not know, so the kiosk does not either.
 */
export async function licenceNotice(
  typed: string,
  kinds: readonly LicenceCheckKind[],
): Promise<LicenceNotice | undefined> {
  const licence = driverLicenceSchema.safeParse(typed);
  if (!licence.success || kinds.length === 0) return undefined;
  const validity = await checkDriverLicence(licence.data);
  if (!validity.ok) return undefined;
  const answer = validity.value;
  if (!answer.valid && answer.category === 'unknown') return undefined;
  if (kinds.includes('right_to_register')) {
    // Before validity: a blocked person may not register whatever their licence says.
    const right = await checkRightToRegister({ driverLicence: licence.data });
    if (right.ok && !right.value.allowed) return errorCatalogue.right_to_register_blocked;
  }
  if (kinds.includes('validity') && !answer.valid) return errorCatalogue.driver_licence_invalid;
  return undefined;
}
