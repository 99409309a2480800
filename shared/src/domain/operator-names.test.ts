import { describe, expect, it } from 'vitest';
import { operatorNameKey, withDistinctNames } from './operator-names.js';

describe('operator names', () => {
  it('treats case, accents and spacing as the same name', () => {
    expect(operatorNameKey('  Julie  Rôy ')).toBe('julie roy');
    expect(operatorNameKey('JULIE ROY')).toBe(operatorNameKey('julie roy'));
    expect(operatorNameKey('Julie Roy')).not.toBe(operatorNameKey('Julie Roux'));
  });

  it('keeps the first of two same names, in order', () => {
    const operators = [
      { id: 'a', displayName: 'Luc Gagnon' },
      { id: 'b', displayName: 'Julie Roy' },
      { id: 'c', displayName: 'julie  roy' },
    ];
    expect(withDistinctNames(operators).map((operator) => operator.id)).toEqual(['a', 'b']);
  });
});
