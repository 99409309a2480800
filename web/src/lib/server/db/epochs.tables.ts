/** One life of the registry's database (see `0008-epochs.migration.ts`). */
export interface ServerEpochTable {
  epoch: number;
  started_at: string;
  backup_taken_at: string | null;
  gap: number;
}

/** Tables of the epochs group. */
export interface EpochTables {
  server_epochs: ServerEpochTable;
}
