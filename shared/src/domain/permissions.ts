/** Who acts: the three dealer roles of the portal, plus the authority's staff. */
export const roles = [
  'generic_employee',
  'accredited_employee',
  'administrator',
  'authority_staff',
] as const;
/** A role. */
export type Role = (typeof roles)[number];

/** The roles a dealer's people hold (the authority's staff excluded). */
export const dealerRoles = ['generic_employee', 'accredited_employee', 'administrator'] as const;

/**
 * Every action of the system: one per service of the role x service table in
 * docs/domain.md#roles-and-permissions, plus the authority staff's actions and account/kiosk
 * administration. Every endpoint and command type maps to exactly one of them.
 */
export const actions = [
  'atac.create',
  'atac.view',
  'transit.issue',
  'transit.view',
  'vehicle.register',
  'inventory.record',
  'history.view',
  'vehicle.lookup',
  'platex.order',
  'bankaccount.set',
  'licence.check',
  'right_to_register.check',
  'document.list',
  'document.print',
  'accounts.manage_generic',
  'kiosk.enroll',
  'sessions.manage',
  'cap.request',
  'staff.issue_access_code',
  'staff.suspend_licence',
  'staff.set_cap',
  'staff.approve_over_cap',
  'staff.void_document',
  'staff.read_audit',
] as const;
/** An action. */
export type Action = (typeof actions)[number];

const allDealers = dealerRoles;
const accreditedOnly = ['accredited_employee'] as const;
const administratorOnly = ['administrator'] as const;
const staffOnly = ['authority_staff'] as const;

/**
 * The permission matrix: which roles may perform each action. The dealer rows are the table of
 * docs/domain.md#roles-and-permissions as is; `document.*` extend "view" to listing and
 * printing what one may view; the authority's staff acts on the registry, never as a dealer.
 */
export const permissionMatrix: Readonly<Record<Action, readonly Role[]>> = {
  'atac.create': allDealers,
  'atac.view': allDealers,
  'transit.issue': allDealers,
  'transit.view': allDealers,
  'vehicle.register': accreditedOnly,
  'inventory.record': accreditedOnly,
  'history.view': accreditedOnly,
  // What the registry knows of a VIN and what may be issued for it: every role that issues.
  'vehicle.lookup': allDealers,
  'platex.order': administratorOnly,
  'bankaccount.set': administratorOnly,
  'licence.check': allDealers,
  'right_to_register.check': allDealers,
  'document.list': allDealers,
  'document.print': allDealers,
  'accounts.manage_generic': administratorOnly,
  'kiosk.enroll': administratorOnly,
  // An administrator sees and ends the sessions of the dealer's accounts (shared kiosks).
  'sessions.manage': administratorOnly,
  // Asking the authority to go over a cap on temporary documents
  // (docs/domain.md#anti-fraud-limits-and-caps).
  'cap.request': administratorOnly,
  'staff.issue_access_code': staffOnly,
  'staff.suspend_licence': staffOnly,
  'staff.set_cap': staffOnly,
  'staff.approve_over_cap': staffOnly,
  'staff.void_document': staffOnly,
  'staff.read_audit': staffOnly,
};

/** True when `role` may perform `action`. */
export function can(role: Role, action: Action): boolean {
  return permissionMatrix[action].includes(role);
}

/** A person's role under one licence (an account may act for several). */
export interface LicenceMembership {
  licence: string;
  role: Role;
}

/** The role held under `licence`, or undefined when the person does not act for it. */
export function roleOn(
  memberships: readonly LicenceMembership[],
  licence: string,
): Role | undefined {
  return memberships.find((entry) => entry.licence === licence)?.role;
}

/**
 * True when the person acts for `licence` and their role there allows `action`: the one
 * question every command and endpoint asks of a licence.
 */
export function canOnLicence(
  memberships: readonly LicenceMembership[],
  licence: string,
  action: Action,
): boolean {
  const role = roleOn(memberships, licence);
  return role !== undefined && can(role, action);
}

/** The role of a dealer employee from the dealer's accreditation (administrators are set explicitly). */
export function employeeRole(isAccreditedDealer: boolean): Role {
  return isAccreditedDealer ? 'accredited_employee' : 'generic_employee';
}
