/** Table types of caps, over-cap requests, voids, plate-X orders (see schema.ts for the conventions). */
export interface StaffTables {
  cap_requests: CapRequestTable;
  document_voids: DocumentVoidTable;
  plate_x_orders: PlateXOrderTable;
}

declare module './schema.js' {
  /**
   * The columns migration 0004 adds to `licences`, merged into schema.ts's `LicenceTable`
   * (declaration merging) so that the table keeps one type while each service group owns
   * its own columns.
   */
  interface LicenceTable {
    /** Provisional-plate cap per rolling 7 days set by staff; null means the default. */
    plate_cap: number | null;
    /** The licence's postal address (shared `addressSchema` as JSON): where plates X are mailed. */
    address_json: string | null;
  }
}

/** A dealer administrator's request to go over a cap, and the staff's decision. */
export interface CapRequestTable {
  id: string;
  licence: string;
  /** 'transit' | 'provisional_plate' (shared `capKinds`). */
  kind: string;
  extra_units: number;
  reason: string;
  /** 'pending' | 'approved' | 'refused'. */
  status: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  /** Approved units count until this instant (shared `capGrantExpiry`). */
  granted_until: string | null;
}

/** Why and when a document was voided (its status lives on the document row). */
export interface DocumentVoidTable {
  document_number: string;
  reason: string;
  voided_by: string;
  voided_at: string;
}

/** A plate-X order, keyed by its command id. */
export interface PlateXOrderTable {
  command_id: string;
  licence: string;
  quantity: number;
  /** JSON array of the plate numbers allocated. */
  plate_numbers_json: string;
  /** The delivery address (JSON) as it was when ordered. */
  delivery_address_json: string;
  ordered_by: string;
  ordered_at: string;
}
