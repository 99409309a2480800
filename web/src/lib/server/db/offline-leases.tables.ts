/**
 * The counter of an offline number series for one local year (see
 * `0018-offline-leases.migration.ts`): the last value handed out in a lease's block.
 */
export interface OfflineNumberCounterTable {
  series: string;
  year: string;
  last_value: number;
}

/** A lease the server signed for a kiosk (docs/sync.md#offline-issuance-leases-the-chain-reconcile). */
export interface OfflineLeaseTable {
  /** The lease's UUIDv7 (`leaseId`). */
  id: string;
  kiosk_id: string;
  dealer_id: string;
  licence: string;
  /** RFC 7638 thumbprint of the kiosk's public key. */
  key_thumbprint: string;
  issued_at: string;
  expires_at: string;
  /** JSON array of the lease's blocks (shared `offlineBlockSchema`). */
  blocks_json: string;
  /** Transits the lease allows (0 without a transit block): what counts against the cap. */
  transit_cap: number;
  atac_cap: number;
  /** The signed lease, answered again to nobody: kept for the record and the audit. */
  jws: string;
  /** When the kiosk renewed: papers issued at or after it are flagged. */
  retired_at: string | null;
  /** The numbers of each block the kiosk said it took when it renewed. */
  retired_transit_used: number | null;
  retired_atac_used: number | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoked_reason: string | null;
}

/** An offline paper the server received: reconciled into a document, or flagged. */
export interface OfflinePaperTable {
  number: string;
  lease_id: string;
  kind: string;
  command_id: string;
  /** sha256 hex of the kiosk-signed document's content: a replay has the same. */
  content_hash: string;
  /** 'reconciled' | 'flagged'. */
  status: string;
  /** The flag's stable code (null when reconciled). */
  reason: string | null;
  received_at: string;
}

/** One block of a lease: its series, local year and values (blocks never overlap). */
export interface OfflineBlockTable {
  series: string;
  year: string;
  first_value: number;
  last_value: number;
  lease_id: string;
}

/** Tables of offline issuance. */
export interface OfflineLeaseTables {
  offline_number_counters: OfflineNumberCounterTable;
  offline_leases: OfflineLeaseTable;
  offline_blocks: OfflineBlockTable;
  offline_papers: OfflinePaperTable;
}
