/**
 * A dealer's revocation feed counter (see `0012-revocations.migration.ts`): bumped in the
 * transaction of every void of one of its documents, so the print agents that keep the
 * dealer's feed can tell a newer feed from an older one.
 */
export interface RevocationSequenceTable {
  dealer_id: string;
  sequence: number;
}

/** Tables of the revocation feed group. */
export interface RevocationTables {
  revocation_sequences: RevocationSequenceTable;
}
