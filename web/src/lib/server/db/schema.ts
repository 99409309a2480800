import type { Generated } from 'kysely';
import type { AccountTables } from './accounts.tables.js';
import type { KeysetTables } from './keyset.tables.js';
import type { EpochTables } from './epochs.tables.js';
import type { KioskTables } from './kiosks.tables.js';
import type { PlatesByMailTables } from './plates-by-mail.tables.js';
import type { RegistrationTables } from './registrations.tables.js';
import type { RevocationTables } from './revocations.tables.js';
import type { OfflineLeaseTables } from './offline-leases.tables.js';
import type { StaffTables } from './staff.tables.js';

/*
 * Table types for Kysely. Conventions that keep SQLite and PostgreSQL identical:
 * timestamps are ISO-8601 UTC strings (sortable as text), booleans are 0/1 integers,
 * JSON is text (parsed with the shared schemas when read).
 */

/** A dealer (commerçant): accredited or not, identified by its NEQ. */
export interface DealerTable {
  id: string;
  name: string;
  neq: string;
  permit: string | null;
  is_accredited: number;
  created_at: string;
}

/** A licence (SAAQ establishment number) and its per-licence counters. */
export interface LicenceTable {
  number: string;
  dealer_id: string;
  name: string;
  is_suspended: number;
  /** Transit cap per rolling 7 days set by staff; null means the default from history. */
  transit_cap: number | null;
  /** Change counter for pull cursors, incremented under this row's lock. */
  change_seq: number;
  created_at: string;
}

/** A person's or generic account; sign-up flows ("Accounts") add rows here. */
export interface AccountTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  /** The account's own role: `authority_staff` for staff; dealer roles are per licence. */
  role: string;
  /** Null for authority staff, who belong to no dealer. */
  dealer_id: string | null;
  /** 'generic' (shared showroom) | 'personal' | 'staff' (shared `accountKinds`). */
  kind: string;
  is_disabled: number;
  created_at: string;
}

/** Which licences an account may act for, and its role under each. */
export interface AccountLicenceTable {
  account_id: string;
  licence: string;
  role: string;
}

/** Enterprise registry (Registraire des entreprises) rows. */
export interface EnterpriseTable {
  neq: string;
  name: string;
  legal_form: string;
}

/** Administrators of an enterprise at the enterprise registry. */
export interface EnterpriseAdministratorTable {
  neq: string;
  first_name: string;
  last_name: string;
  driver_licence: string;
}

/** Vehicles known to the registry. */
export interface RegistryVehicleTable {
  vin: string;
  make: string;
  model: string;
  year: number;
  type: string;
  net_mass_kg: number;
  category: string;
  colour: string | null;
}

/** Ownership history of a vehicle. */
export interface VehicleOwnershipTable {
  id: string;
  vin: string;
  owner_name: string;
  owner_driver_licence: string | null;
  from_date: string;
  to_date: string | null;
}

/** People known to the registry: driving licence validity and right to register. */
export interface RegistryPersonTable {
  driver_licence: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  licence_status: string;
  is_registration_blocked: number;
  block_reason: string | null;
}

/** Plate series and the next number to hand out. */
export interface PlateSeriesTable {
  series: string;
  kind: string;
  next_value: number;
}

/** Registration fees by year and vehicle type. */
export interface FeeScheduleTable {
  year: number;
  vehicle_type: string;
  amount_cents: number;
}

/** A dealer's bank account; the account number is encrypted at rest. */
export interface BankAccountTable {
  dealer_id: string;
  institution: string;
  branch_transit: string;
  account_last4: string;
  account_cipher: string;
  holder_name: string;
  updated_at: string;
}

/** Every issued document with its signed forms and live status. */
export interface DocumentTable {
  number: string;
  kind: string;
  licence: string;
  vin: string;
  /** Driver licence or NEQ of the customer, for the per-customer transit limit. */
  customer_key: string | null;
  issued_at: string;
  expires_at: string | null;
  /** 'valid' | 'voided' (expiry is computed from `expires_at`). */
  status: string;
  document_json: string;
  jws: string;
  qr_token: string;
  print_count: number;
  command_id: string;
  change_seq: number;
}

/** Print outcomes reported by kiosks. */
export interface PrintOutcomeTable {
  command_id: string;
  document_number: string;
  job_id: string;
  printer: string;
  is_copy: number;
  status: string;
  recorded_at: string;
}

/** One idempotency record per command id, for applied and rejected commands alike. */
export interface IdempotencyTable {
  command_id: string;
  account_id: string;
  body_hash: string;
  /** The exact JSON of the command's result, returned byte for byte on replay. */
  result_json: string;
  status: string;
  supersedes: string | null;
  created_at: string;
}

/** Head of each audit chain, locked to append. */
export interface AuditChainTable {
  chain: string;
  last_seq: number;
  last_hash: string;
}

/** Append-only audit log, hash-chained per chain. */
export interface AuditLogTable {
  id: Generated<number>;
  chain: string;
  seq: number;
  at: string;
  event: string;
  actor: string | null;
  licence: string | null;
  subject: string | null;
  detail_json: string;
  prev_hash: string;
  hash: string;
}

/** Number counters for engines without sequences (SQLite: one writer at a time). */
export interface NumberCounterTable {
  series: string;
  last_value: number;
}

/** The database, as Kysely sees it; later service groups add their tables from their own files. */
export interface Database
  extends
    RegistrationTables,
    StaffTables,
    AccountTables,
    KioskTables,
    EpochTables,
    KeysetTables,
    PlatesByMailTables,
    RevocationTables,
    OfflineLeaseTables {
  dealers: DealerTable;
  licences: LicenceTable;
  accounts: AccountTable;
  account_licences: AccountLicenceTable;
  enterprises: EnterpriseTable;
  enterprise_administrators: EnterpriseAdministratorTable;
  registry_vehicles: RegistryVehicleTable;
  vehicle_ownerships: VehicleOwnershipTable;
  registry_people: RegistryPersonTable;
  plate_series: PlateSeriesTable;
  fee_schedule: FeeScheduleTable;
  bank_accounts: BankAccountTable;
  documents: DocumentTable;
  print_outcomes: PrintOutcomeTable;
  idempotency: IdempotencyTable;
  audit_chains: AuditChainTable;
  audit_log: AuditLogTable;
  number_counters: NumberCounterTable;
}

/** The SQL engine a storage runs on: SQLite by default, PostgreSQL for several processes. */
export type Engine = 'sqlite' | 'postgres';
