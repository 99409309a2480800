import { describe, expect, it } from 'vitest';
import { actionForCommandType, allCommandTypes } from '../commands/index.js';
import {
  actions,
  can,
  dealerRoles,
  permissionMatrix,
  roles,
  type Action,
  type Role,
} from './permissions.js';

// The table of docs/domain.md#roles-and-permissions, written once as the expected value:
// generic employee | accredited employee | administrator.
const domainTable: Partial<Record<Action, [boolean, boolean, boolean]>> = {
  'atac.create': [true, true, true],
  'atac.view': [true, true, true],
  'transit.issue': [true, true, true],
  'transit.view': [true, true, true],
  'vehicle.register': [false, true, false],
  'inventory.record': [false, true, false],
  'history.view': [false, true, false],
  'vehicle.lookup': [true, true, true],
  'platex.order': [false, false, true],
  'bankaccount.set': [false, false, true],
  'licence.check': [true, true, true],
  'right_to_register.check': [true, true, true],
};

const staffActions: Action[] = [
  'staff.issue_access_code',
  'staff.suspend_licence',
  'staff.set_cap',
  'staff.approve_over_cap',
  'staff.void_document',
  'staff.read_audit',
];

describe('permission matrix', () => {
  it('equals the roles-and-permissions table of docs/domain.md on the dealer roles', () => {
    const checked = actions.filter((action) => domainTable[action] !== undefined);
    expect(checked).toHaveLength(Object.keys(domainTable).length);
    for (const action of checked) {
      const actual = dealerRoles.map((role) => can(role, action));
      expect({ action, allowed: actual }).toEqual({ action, allowed: domainTable[action] });
    }
  });

  it('gives staff actions to authority staff only, and dealer services never to staff', () => {
    for (const action of actions) {
      const isStaffAction = staffActions.includes(action);
      expect(can('authority_staff', action)).toBe(isStaffAction);
      for (const role of dealerRoles) if (isStaffAction) expect(can(role, action)).toBe(false);
    }
  });

  it('keeps account and kiosk administration to the administrator', () => {
    const allowed = (action: Action): Role[] => roles.filter((role) => can(role, action));
    expect(allowed('accounts.manage_generic')).toEqual(['administrator']);
    expect(allowed('kiosk.enroll')).toEqual(['administrator']);
  });

  it('gives every action at least one role', () => {
    for (const action of actions) expect(permissionMatrix[action].length).toBeGreaterThan(0);
  });

  it('maps every command type to exactly one action', () => {
    for (const type of allCommandTypes) expect(actions).toContain(actionForCommandType(type));
    expect(actionForCommandType('registration.confirm')).toBe('vehicle.register');
    expect(actionForCommandType('print.outcome')).toBe('document.print');
  });
});
