/** Table types of plates by mail and notices (see schema.ts for the conventions). */
export interface PlatesByMailTables {
  plate_orders: PlateOrderTable;
  plate_supplier_events: PlateSupplierEventTable;
  server_outbox: ServerOutboxTable;
  account_contacts: AccountContactTable;
}

/** The metal plate of one confirmed registration, ordered from the supplier. */
export interface PlateOrderTable {
  /** The order's id, sent to the supplier (idempotency key there). */
  id: string;
  registration_number: string;
  licence: string;
  plate_number: string;
  /** 'ordered' | 'accepted' | 'refused' | 'made' | 'shipped' | 'delivered' | 'returned' | 'cancelled'. */
  state: string;
  refusal_reason: string | null;
  tracking_number: string | null;
  confirmed_at: string;
  provisional_expires_at: string;
  /** Set when the registration was cancelled (the order may have been made already). */
  cancel_requested_at: string | null;
  /** The client's address for the shipping notice (optional), and their language. */
  client_email: string | null;
  client_language: string | null;
  updated_at: string;
}

/** Supplier events received (their ids refuse a replay). */
export interface PlateSupplierEventTable {
  event_id: string;
  order_id: string;
  type: string;
  received_at: string;
}

/**
 * Work to do outside the request, written in the transaction that decided it: a plate order
 * or its cancellation to send to the supplier, an e-mail to send. Retried with backoff; a row
 * is claimed with a lease so that two web processes never send it at the same moment.
 */
export interface ServerOutboxTable {
  id: string;
  /** 'plate.order' | 'plate.cancel' | 'mail'. */
  topic: string;
  /** The plate order's id, or the notice's recipient kind: what the row is about. */
  subject: string;
  payload_json: string;
  attempts: number;
  next_attempt_at: string;
  /** Claimed by a sender until then (null: free). */
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  /** Null while it waits; set when sent, refused for good or no longer needed. */
  done_at: string | null;
  outcome: string | null;
}

/** An account's e-mail for notices and the language they chose. */
export interface AccountContactTable {
  account_id: string;
  email: string;
  language: string;
  updated_at: string;
}
