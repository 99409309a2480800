/** Table types of sign-up, access codes, sessions, sign-in limits, kiosks, operators (see schema.ts for the conventions). */
export interface AccountTables {
  account_sessions: AccountSessionTable;
  account_people: AccountPersonTable;
  account_activations: AccountActivationTable;
  account_identities: AccountIdentityTable;
  access_codes: AccessCodeTable;
  signin_throttle: SigninThrottleTable;
  oidc_flows: OidcFlowTable;
}

/**
 * A server-side session (so that every web process sees it, and ending it is immediate);
 * only the token's hash is stored, `id` is the public handle administrators see.
 */
export interface AccountSessionTable {
  id: string;
  token_hash: string;
  account_id: string;
  created_at: string;
  /** Last request that was not background sync (idle timeout). */
  last_activity_at: string;
  /** Absolute end: sign-in + 12 h. */
  expires_at: string;
  /** Idle timeout of this session (the kiosk's setting, at most the 15-minute default). */
  idle_minutes: number;
  /** Last proof of identity (sign-in or re-authentication), for sensitive actions. */
  reauthenticated_at: string | null;
  /** 'password' | 'oidc'. */
  auth_method: string;
  client_address: string;
}

/** The person behind a personal account: one person, one account (rule 4). */
export interface AccountPersonTable {
  account_id: string;
  driver_licence: string;
  first_name: string;
  last_name: string;
}

/** An account's first sign-in (activation), allowed only from Canada or the United States. */
export interface AccountActivationTable {
  account_id: string;
  activated_at: string;
  country: string;
  client_address: string;
}

/** An OpenID Connect identity (issuer + subject) linked to an account. */
export interface AccountIdentityTable {
  issuer: string;
  subject: string;
  account_id: string;
  linked_at: string;
}

/** A personal access code issued by the authority; only its keyed hash is kept. */
export interface AccessCodeTable {
  id: string;
  code_hash: string;
  dealer_id: string;
  first_name: string;
  last_name: string;
  driver_licence: string;
  issued_by: string;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

/** Failed sign-ins per key (`account:<username>` or `address:<ip>`), shared by all processes. */
export interface SigninThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  blocked_until: string | null;
}

/** An OpenID Connect authorization in progress (state -> PKCE verifier, nonce, purpose). */
export interface OidcFlowTable {
  state: string;
  code_verifier: string;
  nonce: string;
  /** Hash of the cookie set in the browser that started the flow (no login CSRF). */
  browser_binding: string;
  /** 'signin' | 'reauth' | 'link'. */
  purpose: string;
  /** The session that asked (re-authentication and linking). */
  session_id: string | null;
  return_to: string;
  created_at: string;
  expires_at: string;
}
