/**
 * The key that makes two operator names "the same person" on one generic account: case,
 * accents and spacing ignored, so that "Julie Roy", "julie  roy" and "Julie Rôy" cannot stand
 * side by side on a PIN screen where a person picks their own name.
 *
 * @example operatorNameKey('  Julie  Rôy ') // 'julie roy'
 */
export function operatorNameKey(displayName: string): string {
  return displayName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('fr-CA')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Keeps the first of each group of operators whose names share one {@link operatorNameKey}
 * (order kept): a kiosk never lists two identical names, even from an older server.
 *
 * @example withDistinctNames([{ displayName: 'Julie Roy' }, { displayName: 'julie roy' }]).length // 1
 */
export function withDistinctNames<T extends { displayName: string }>(operators: readonly T[]): T[] {
  const seen = new Set<string>();
  return operators.filter((operator) => {
    const key = operatorNameKey(operator.displayName);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
