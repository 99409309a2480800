import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Per-customer transit limits key on the licence WITH its jurisdiction (`DL:CA-QC:<number>`),
 * so that an Ontario and a Québec licence with the same number are two people. Every key
 * written before was a Québec licence (`DL:<number>`, the only licence a command could carry):
 * rewritten to the new form, so that the transits already issued keep counting against the same
 * customer. Passports (`PP:`) and businesses (`NEQ:`) keep their keys. The same SQL on SQLite
 * and PostgreSQL (`||` and `substr` are common to both).
 */
export const licenceJurisdictionsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      update documents
      set customer_key = 'DL:CA-QC:' || substr(customer_key, 4)
      where customer_key like 'DL:%' and customer_key not like 'DL:%:%'
    `.execute(db);
  },
};
