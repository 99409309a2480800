/*
 * Table types of registrations (immatriculation: on hold, confirmed, cancelled), inventory
 * records (enregistrement) and the bank debits of registration fees (see schema.ts for the
 * conventions: ISO text timestamps, JSON as text).
 */

/** A registration transaction, from its first save on hold to its confirmation or cancellation. */
export interface RegistrationTable {
  /** Server transaction number, `R-2026-000001`. */
  number: string;
  licence: string;
  dealer_id: string;
  vin: string;
  /** 'on_hold' | 'confirmed' | 'cancelled' (shared `registrationStatuses`). */
  status: string;
  /** The parsed `registrationRequestSchema` payload as last saved on hold. */
  request_json: string;
  /** The `registration.hold` command that last saved the request (an edit supersedes it). */
  hold_command_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  confirm_command_id: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  plate_number: string | null;
  fees_cents: number | null;
  /** Registry changes to undo on cancellation: `{ ownershipId, closedOwnershipIds, createdVehicle }`. */
  registry_change_json: string | null;
  cancel_command_id: string | null;
  cancelled_by: string | null;
  cancelled_at: string | null;
  cancel_reason_code: string | null;
  cancel_reason_text: string | null;
}

/**
 * Every `registration.hold` command that saved a registration, so that an edit may name any
 * earlier save in `supersedes` (an edit of an edit still finds its registration).
 */
export interface RegistrationHoldTable {
  command_id: string;
  registration_number: string;
}

/** A vehicle recorded into a dealer's inventory (enregistrer): no plate, no right to drive. */
export interface InventoryRecordTable {
  /** Server transaction number, `E-2026-000001`. */
  number: string;
  licence: string;
  dealer_id: string;
  vin: string;
  command_id: string;
  acquired_on: string;
  /** The parsed `inventoryRecordSchema` payload. */
  record_json: string;
  recorded_by: string;
  recorded_at: string;
}

/**
 * Registration fees collected at the dealer, debited from its bank account: append-only, one
 * `debit` per confirmed registration and one `credit` when it is cancelled the same day.
 */
export interface BankDebitTable {
  id: string;
  dealer_id: string;
  licence: string;
  transaction_number: string;
  /** 'debit' | 'credit'. */
  direction: string;
  amount_cents: number;
  /** 'pending' until the authority's settlement collects it (outside this system). */
  status: string;
  at: string;
}

/** The tables of this group, as `Database` extends them. */
export interface RegistrationTables {
  registrations: RegistrationTable;
  registration_holds: RegistrationHoldTable;
  inventory_records: InventoryRecordTable;
  bank_debits: BankDebitTable;
}
