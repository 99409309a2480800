import type { BilingualText } from '../bilingual.js';
import { z } from 'zod';
import { IDLE_LOCK_DEFAULT_MINUTES } from '../domain/constants.js';
import { errorCatalogue, isErrorCode } from '../errors.js';
import { licenceNumberSchema, neqSchema } from './primitives.schema.js';

/**
 * The site file: one JSON file describes a dealership (its licence, the server, the print agent,
 * the printers and the kiosks). `kiosk-config` validates it and generates certificates, Chromium
 * policies and launchers from it; the print agent starts from it (`AGENT_SITE`); the kiosk
 * settings screen imports its kiosk's part.
 *
 * Objects are strict (a typo in a key is an error, not a silently ignored setting), except the
 * top level of {@link agentSiteSchema}, which reads only the agent's part of a whole site file.
 */

/** The print agent's default port (`AGENT_PORT`, docs/configuration.md). */
export const AGENT_DEFAULT_PORT = 9631;
/** Where the agent listens when the site file says nothing: the kiosk itself. */
export const AGENT_DEFAULT_HOST = '127.0.0.1';
/** The usual port of raw TCP (JetDirect) and ESC/POS network printers. */
export const RAW_PRINTER_DEFAULT_PORT = 9100;

/**
 * What a site-rule violation carries in its zod issue `params`: a stable code, the message and a
 * fix in plain words, both in French and English. `kiosk-config validate` prints them.
 */
export interface SiteIssueParams {
  code: string;
  message: BilingualText;
  fix: BilingualText;
}

/** Builds the `params` of a site-rule issue (see {@link SiteIssueParams}). */
const siteIssue = (code: string, message: BilingualText, fix: BilingualText): SiteIssueParams => ({
  code,
  message,
  fix,
});

// ---------------------------------------------------------------------------------------------
// Addresses

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOST_NAME =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** True for a dotted IPv4 address (`192.168.1.20`). */
export const isIpv4 = (value: string): boolean => IPV4.test(value);
const ipv6Schema = z.ipv6();
/** True for an IPv6 address, without brackets (`::1`, `fd00::20`). */
export const isIpv6 = (value: string): boolean => ipv6Schema.safeParse(value).success;
/** True for an IP address of either family. */
export const isIpAddress = (value: string): boolean => isIpv4(value) || isIpv6(value);
/** True for a DNS host name (`agent.concession.lan`, `localhost`) that is not an address. */
export const isHostName = (value: string): boolean =>
  !isIpv4(value) && HOST_NAME.test(value) && !/^[\d.]+$/.test(value);

/**
 * True when the address is the machine itself (`127.0.0.0/8`, `::1`, `localhost`): Chromium's
 * Local Network Access calls that the `loopback` address space, everything else on a LAN `local`.
 */
export const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);

/** True for the "every interface" bind addresses, which no client can connect to. */
export const isWildcardHost = (host: string): boolean => host === '0.0.0.0' || host === '::';

const hostSchema = z
  .string()
  .trim()
  .refine((value) => isIpAddress(value) || isHostName(value), {
    message: 'not a host name or an IP address',
    params: siteIssue(
      'bad_host',
      { fr: "ce n'est ni un nom d'hôte ni une adresse IP", en: 'not a host name or an IP address' },
      {
        fr: 'écrivez un nom comme agent.concession.lan ou une adresse comme 192.168.1.20, sans « http:// » ni port',
        en: 'write a name like agent.dealer.lan or an address like 192.168.1.20, without "http://" or a port',
      },
    ),
  });

const portSchema = z.number().int().min(1).max(65535);

/** An http(s) origin: scheme, host and optional port, nothing after. */
const originSchema = z
  .string()
  .trim()
  .refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        // Only the origin: no path, query or fragment (the host's case does not matter).
        url.origin === value.replace(/\/$/, '').toLowerCase()
      );
    },
    {
      message: 'not an origin',
      params: siteIssue(
        'bad_origin',
        { fr: "ce n'est pas une origine web", en: 'not a web origin' },
        {
          fr: 'écrivez le schéma, le nom et le port seulement, par exemple https://comptoir.exemple.ca (sans chemin)',
          en: 'write the scheme, host and port only, e.g. https://comptoir.example.ca (no path)',
        },
      ),
    },
  )
  .transform((value) => new URL(value).origin);

const httpUrlSchema = z.url({ protocol: /^https?$/ });

const SITE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A stable identifier in a site file: lower-case letters, digits and dashes. */
export const siteIdSchema = z.string().refine((value) => SITE_ID.test(value), {
  message: 'not an id',
  params: siteIssue(
    'bad_id',
    { fr: 'identifiant invalide', en: 'invalid id' },
    {
      fr: 'utilisez des minuscules, des chiffres et des tirets (63 au plus), par exemple salle-1',
      en: 'use lower-case letters, digits and dashes (at most 63), e.g. showroom-1',
    },
  ),
});

// ---------------------------------------------------------------------------------------------
// The agent

/**
 * Where the agent's admin secret comes from: an environment variable or a file (mode 0600).
 * Never the secret itself: site files are copied around and committed.
 */
export const adminSecretRefSchema = z.union([
  z.object({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/) }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
]);
/** See {@link adminSecretRefSchema}. */
export type AdminSecretRef = z.infer<typeof adminSecretRefSchema>;

/** A server signing key pinned in the site file (Ed25519 public JWK), for agents that must not fetch the JWKS. */
export const pinnedKeySchema = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    kid: z.string().min(1),
    alg: z.literal('EdDSA').optional(),
    use: z.literal('sig').optional(),
  })
  .strict();
/** See {@link pinnedKeySchema}. */
export type PinnedKey = z.infer<typeof pinnedKeySchema>;

/** The agent's HTTPS certificate and key (PEM files on the agent box). */
export const agentTlsSchema = z
  .object({
    certFile: z.string().min(1),
    keyFile: z.string().min(1),
  })
  .strict();

/** The agent part of a site file. */
export const agentConfigSchema = z
  .object({
    /** Interface to bind: `127.0.0.1` for an agent on the kiosk itself, the LAN address or `0.0.0.0` otherwise. */
    host: hostSchema
      .default(AGENT_DEFAULT_HOST)
      .describe(
        'Interface the agent binds: 127.0.0.1 on the kiosk itself, else its LAN address or 0.0.0.0',
      ),
    port: portSchema.default(AGENT_DEFAULT_PORT).describe('Agent port (9631)'),
    /**
     * The name or address kiosks use to reach the agent (and the certificate's main name).
     * Defaults to `host`; required when `host` is a wildcard.
     */
    publicHost: hostSchema
      .optional()
      .describe('Name or address kiosks use to reach the agent (default: host)'),
    /** More names or addresses the certificate must cover (e.g. the box's other interface). */
    altNames: z
      .array(hostSchema)
      .default([])
      .describe('More names or addresses the agent certificate covers'),
    /** HTTPS; required when kiosks reach the agent over the LAN. */
    tls: agentTlsSchema
      .optional()
      .describe(
        'HTTPS certificate and key files (from "comptoir-site cert agent"); relative to the site file',
      ),
    /** Where the admin secret is read; unset: generated into the agent's data dir. */
    adminSecretRef: adminSecretRefSchema
      .optional()
      .describe(
        'Where the admin secret is read: { "env": NAME } or { "file": path }; never the secret itself',
      ),
    /** CORS allow-list; unset: the server's origin only. */
    allowedOrigins: z
      .array(originSchema)
      .optional()
      .describe('CORS allow-list (default: the server origin)'),
    /** Where the agent fetches the server's public keys; unset: `<server origin>/.well-known/jwks.json`. */
    jwksUrl: httpUrlSchema
      .optional()
      .describe('Server public keys (default: <server origin>/.well-known/jwks.json)'),
    /** Keys trusted without fetching (offline installs, tests). */
    pinnedKeys: z
      .array(pinnedKeySchema)
      .optional()
      .describe('Server signing keys trusted without fetching (Ed25519 public JWKs)'),
    /** The agent's data dir (job ledger, printed files); unset: `AGENT_DATA_DIR` or `<data dir>/agent`. */
    dataDir: z
      .string()
      .min(1)
      .optional()
      .describe('Agent data dir: job ledger, cached keys, file printer output'),
  })
  .strict();
/** See {@link agentConfigSchema}. */
export type AgentConfig = z.infer<typeof agentConfigSchema>;

// ---------------------------------------------------------------------------------------------
// Printers

/** What a printer is for: the kinds of paper an agent job can be routed by. */
export const printerRoles = ['plate', 'certificate', 'atac', 'receipt'] as const;
/** See {@link printerRoles}. */
export const printerRoleSchema = z.enum(printerRoles);
/** See {@link printerRoles}. */
export type PrinterRole = z.infer<typeof printerRoleSchema>;

/**
 * Official documents are printed on letter paper (docs/domain.md#official-documents); only
 * receipts may use an 80 mm roll.
 */
export const paperSchema = z.enum(['letter', '80mm']);
/** See {@link paperSchema}. */
export type Paper = z.infer<typeof paperSchema>;

/** The roles that need letter paper: every official document. */
export const letterOnlyRoles: readonly PrinterRole[] = ['plate', 'certificate', 'atac'];

const printerCommon = {
  id: siteIdSchema,
  /** What staff see (the printer's label on the machine). */
  name: z.string().trim().min(1).max(80),
  paper: paperSchema.default('letter'),
  roles: z
    .array(printerRoleSchema)
    .default([])
    .describe('What this printer is for: plate, certificate, atac (letter paper), receipt'),
  /** The printer to use when this one is off or out of paper. */
  fallback: siteIdSchema
    .optional()
    .describe('Printer id to use when this one is off or out of paper (same paper)'),
};

/** Driverless IPP (IPP Everywhere / AirPrint): the printer takes PDF at its IPP URI. */
export const ippPrinterSchema = z
  .object({
    ...printerCommon,
    driver: z.literal('ipp'),
    uri: z.url({ protocol: /^(ipps?|https?)$/ }),
  })
  .strict();
/** Raw TCP (JetDirect) on port 9100: the printer takes PDF or PostScript bytes. */
export const raw9100PrinterSchema = z
  .object({
    ...printerCommon,
    driver: z.literal('raw9100'),
    host: hostSchema,
    port: portSchema.default(RAW_PRINTER_DEFAULT_PORT),
  })
  .strict();
/** ESC/POS thermal receipt printer over the network. */
export const escposPrinterSchema = z
  .object({
    ...printerCommon,
    driver: z.literal('escpos'),
    host: hostSchema,
    port: portSchema.default(RAW_PRINTER_DEFAULT_PORT),
  })
  .strict();
/** A CUPS queue on the agent box (`lp -d <queue>`), Linux or macOS. */
export const cupsPrinterSchema = z
  .object({
    ...printerCommon,
    driver: z.literal('cups'),
    queue: z.string().regex(/^[^\s/#]+$/),
  })
  .strict();
/** A Windows spooler printer, by its name in Windows. */
export const windowsPrinterSchema = z
  .object({ ...printerCommon, driver: z.literal('windows'), printerName: z.string().trim().min(1) })
  .strict();
/** Demo and test printer: writes PDFs into a directory (default `AGENT_DATA_DIR/printed/`). */
export const filePrinterSchema = z
  .object({ ...printerCommon, driver: z.literal('file'), directory: z.string().min(1).optional() })
  .strict();

/** A printer the agent drives, discriminated on `driver`. */
export const printerSchema = z.discriminatedUnion('driver', [
  ippPrinterSchema,
  raw9100PrinterSchema,
  escposPrinterSchema,
  cupsPrinterSchema,
  windowsPrinterSchema,
  filePrinterSchema,
]);
/** See {@link printerSchema}. */
export type Printer = z.infer<typeof printerSchema>;
/** The printer drivers a site file may name. */
export type PrinterDriver = Printer['driver'];

// ---------------------------------------------------------------------------------------------
// Kiosks and the dealer

/** Where a kiosk stands: the showroom (sales) or the delivery bay (tablet at hand-over). */
export const kioskLocationSchema = z.enum(['showroom', 'delivery_bay']);

/** A kiosk of the site. Its `id` is the id it is enrolled under and the `kioskId` of its commands. */
export const siteKioskSchema = z
  .object({
    id: siteIdSchema.describe(
      'Kiosk id: its enrolment id on the server and the kioskId of its commands',
    ),
    name: z.string().trim().min(1).max(80),
    location: kioskLocationSchema.describe('showroom or delivery_bay'),
    /** Minutes of inactivity before the session locks; the server enforces it once enrolled. */
    idleLockMinutes: z
      .number()
      .int()
      .min(1)
      .max(IDLE_LOCK_DEFAULT_MINUTES)
      .default(IDLE_LOCK_DEFAULT_MINUTES)
      .describe(
        'Minutes before an idle session locks (1-15); the server enforces it once the kiosk is enrolled',
      ),
    language: z.enum(['fr', 'en']).default('fr').describe('Kiosk language (French by default)'),
    /** Which printer this kiosk uses for each role (else the agent's first printer with that role). */
    defaultPrinters: z
      .partialRecord(printerRoleSchema, siteIdSchema)
      .default({})
      .describe('Printer id per role for this kiosk'),
  })
  .strict();
/** See {@link siteKioskSchema}. */
export type SiteKiosk = z.infer<typeof siteKioskSchema>;

/** The dealership the site belongs to. */
export const siteDealerSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    /** Québec enterprise number (NEQ): 10 digits. */
    neq: neqSchema,
    /** The SAAQ dealer licence the kiosks work under (the `licence` of their commands), e.g. `L-100001`. */
    licence: licenceNumberSchema,
    permit: z.string().trim().min(1).max(32).optional(),
  })
  .strict();

/** The central server the kiosks use. */
export const siteServerSchema = z.object({ origin: originSchema }).strict();

// ---------------------------------------------------------------------------------------------
// Cross-field rules

/** Where the rules report a problem: a zod refinement context, or a plain list (see {@link siteIssues}). */
type IssueSink = (path: (string | number)[], params: SiteIssueParams) => void;

const addSiteIssue = (sink: IssueSink, path: (string | number)[], params: SiteIssueParams): void =>
  sink(path, params);

/** Reports into a zod refinement: the English message as zod's, the whole problem in `params`. */
const zodSink =
  (ctx: z.core.$RefinementCtx): IssueSink =>
  (path, params) =>
    ctx.addIssue({ code: 'custom', path, message: params.message.en, params: { ...params } });

/** Rules run on entries that parsed; entries that did not are `undefined` (their own errors are reported). */
type Parsed<T> = readonly (T | undefined)[];

/** Rules on the printers list alone (shared by the agent's view and the whole site). */
const checkPrinters = (
  entries: Parsed<Printer>,
  ctx: IssueSink,
  unparsedIds: readonly string[] = [],
): void => {
  const printers = entries.filter((printer) => printer !== undefined);
  const firstIndex = new Map<string, number>();
  entries.forEach((printer, index) => {
    if (printer === undefined) return;
    const earlier = firstIndex.get(printer.id);
    if (earlier === undefined) firstIndex.set(printer.id, index);
    else
      addSiteIssue(
        ctx,
        ['printers', index, 'id'],
        siteIssue(
          'duplicate_printer_id',
          {
            fr: `l'imprimante « ${printer.id} » est déjà définie (printers[${earlier}])`,
            en: `printer "${printer.id}" is already defined (printers[${earlier}])`,
          },
          {
            fr: 'donnez un identifiant unique à chaque imprimante',
            en: 'give each printer a unique id',
          },
        ),
      );
    if (new Set(printer.roles).size !== printer.roles.length)
      addSiteIssue(
        ctx,
        ['printers', index, 'roles'],
        siteIssue(
          'duplicate_role',
          { fr: 'un rôle est répété', en: 'a role is listed twice' },
          { fr: 'listez chaque rôle une seule fois', en: 'list each role once' },
        ),
      );
    if (printer.driver === 'escpos' && printer.paper !== '80mm')
      addSiteIssue(
        ctx,
        ['printers', index, 'paper'],
        siteIssue(
          'escpos_needs_roll',
          {
            fr: 'une imprimante ESC/POS imprime sur rouleau de 80 mm',
            en: 'an ESC/POS printer prints on an 80 mm roll',
          },
          { fr: 'mettez "paper": "80mm"', en: 'set "paper": "80mm"' },
        ),
      );
    printer.roles.forEach((role, roleIndex) => {
      if (printer.paper === '80mm' && letterOnlyRoles.includes(role))
        addSiteIssue(
          ctx,
          ['printers', index, 'roles', roleIndex],
          siteIssue(
            'role_needs_letter',
            {
              fr: `le rôle « ${role} » est un document officiel, imprimé sur papier lettre`,
              en: `role "${role}" is an official document, printed on letter paper`,
            },
            {
              fr: 'retirez ce rôle ou choisissez une imprimante papier lettre',
              en: 'remove this role or use a letter-paper printer',
            },
          ),
        );
    });
  });
  const byId = new Map(printers.map((printer) => [printer.id, printer]));
  entries.forEach((printer, index) => {
    if (printer === undefined) return;
    if (printer.fallback === undefined) return;
    const path = ['printers', index, 'fallback'];
    const fallback = byId.get(printer.fallback);
    if (fallback === undefined)
      return unparsedIds.includes(printer.fallback)
        ? undefined
        : addSiteIssue(
            ctx,
            path,
            siteIssue(
              'unknown_printer',
              {
                fr: `aucune imprimante « ${printer.fallback} »`,
                en: `no printer "${printer.fallback}"`,
              },
              {
                fr: `utilisez l'un de : ${[...byId.keys()].join(', ')}`,
                en: `use one of: ${[...byId.keys()].join(', ')}`,
              },
            ),
          );
    if (fallback.paper !== printer.paper)
      addSiteIssue(
        ctx,
        path,
        siteIssue(
          'fallback_paper_mismatch',
          {
            fr: `l'imprimante de relève « ${fallback.id} » n'a pas le même papier`,
            en: `fallback "${fallback.id}" uses another paper`,
          },
          {
            fr: 'choisissez une relève avec le même papier',
            en: 'choose a fallback with the same paper',
          },
        ),
      );
    // Follow the chain: a loop would bounce a job between printers forever. It is reported on
    // the printers that form it; a chain that merely leads into it ends where it repeats.
    const seen = new Set<string>();
    for (
      let next: Printer | undefined = fallback;
      next !== undefined;
      next = next.fallback === undefined ? undefined : byId.get(next.fallback)
    ) {
      if (next.id === printer.id) {
        addSiteIssue(
          ctx,
          path,
          siteIssue(
            'fallback_cycle',
            {
              fr: 'les imprimantes de relève forment une boucle',
              en: 'fallback printers form a loop',
            },
            {
              fr: 'terminez la chaîne de relève par une imprimante sans "fallback"',
              en: 'end the fallback chain with a printer that has no "fallback"',
            },
          ),
        );
        break;
      }
      if (seen.has(next.id)) break;
      seen.add(next.id);
    }
  });
};

/** Rules on the agent's address. */
const checkAgent = (agent: AgentConfig, ctx: IssueSink): void => {
  if (isWildcardHost(agent.host) && agent.publicHost === undefined)
    addSiteIssue(
      ctx,
      ['agent', 'publicHost'],
      siteIssue(
        'public_host_required',
        {
          fr: `l'agent écoute sur toutes les interfaces (${agent.host}) : les kiosques ont besoin de son nom`,
          en: `the agent listens on every interface (${agent.host}): kiosks need its name`,
        },
        {
          fr: 'ajoutez "publicHost" : le nom ou l\'adresse LAN de la boîte de l\'agent',
          en: 'add "publicHost": the agent box\'s LAN name or address',
        },
      ),
    );
};

const checkKiosks = (
  site: { kiosks: Parsed<SiteKiosk>; printers: Parsed<Printer> },
  ctx: IssueSink,
  unparsedPrinterIds: readonly string[] = [],
): void => {
  const printers = site.printers.filter((printer) => printer !== undefined);
  const byId = new Map(printers.map((printer) => [printer.id, printer]));
  const seen = new Map<string, number>();
  site.kiosks.forEach((kiosk, index) => {
    if (kiosk === undefined) return;
    const earlier = seen.get(kiosk.id);
    if (earlier === undefined) seen.set(kiosk.id, index);
    else
      addSiteIssue(
        ctx,
        ['kiosks', index, 'id'],
        siteIssue(
          'duplicate_kiosk_id',
          {
            fr: `le kiosque « ${kiosk.id} » est déjà défini (kiosks[${earlier}])`,
            en: `kiosk "${kiosk.id}" is already defined (kiosks[${earlier}])`,
          },
          {
            fr: "donnez un identifiant unique à chaque kiosque : c'est son identité sur le serveur",
            en: 'give each kiosk a unique id: it is its identity on the server',
          },
        ),
      );
    for (const role of printerRoles) {
      const printerId = kiosk.defaultPrinters[role];
      if (printerId === undefined) continue;
      const path = ['kiosks', index, 'defaultPrinters', role];
      const printer = byId.get(printerId);
      if (printer === undefined) {
        if (!unparsedPrinterIds.includes(printerId))
          addSiteIssue(
            ctx,
            path,
            siteIssue(
              'unknown_printer',
              { fr: `aucune imprimante « ${printerId} »`, en: `no printer "${printerId}"` },
              {
                fr: `utilisez l'un de : ${[...byId.keys()].join(', ')}`,
                en: `use one of: ${[...byId.keys()].join(', ')}`,
              },
            ),
          );
      } else if (!printer.roles.includes(role))
        addSiteIssue(
          ctx,
          path,
          siteIssue(
            'printer_lacks_role',
            {
              fr: `l'imprimante « ${printerId} » n'a pas le rôle « ${role} »`,
              en: `printer "${printerId}" does not have role "${role}"`,
            },
            {
              fr: `ajoutez "${role}" à ses "roles" ou choisissez une autre imprimante`,
              en: `add "${role}" to its "roles" or choose another printer`,
            },
          ),
        );
    }
  });
  // Receipts are optional (docs/domain.md#proofs-and-receipts); every official document needs
  // a printer.
  if (unparsedPrinterIds.length === 0)
    for (const role of letterOnlyRoles)
      if (!printers.some((printer) => printer.roles.includes(role)))
        addSiteIssue(
          ctx,
          ['printers'],
          siteIssue(
            'role_without_printer',
            {
              fr: `aucune imprimante n'a le rôle « ${role} »`,
              en: `no printer has role "${role}"`,
            },
            {
              fr: `ajoutez "${role}" aux "roles" d'une imprimante papier lettre`,
              en: `add "${role}" to the "roles" of a letter-paper printer`,
            },
          ),
        );
};

/** An agent on another machine must speak HTTPS: Safari blocks mixed content, and pairing tokens cross the LAN. */
const checkAgentTls = (agent: AgentConfig, ctx: IssueSink): void => {
  if (!isLoopbackHost(agentPublicHost(agent)) && agent.tls === undefined)
    addSiteIssue(
      ctx,
      ['agent', 'tls'],
      siteIssue(
        'lan_agent_needs_tls',
        {
          fr: 'un agent joint par le réseau local doit parler HTTPS',
          en: 'an agent reached over the LAN must use HTTPS',
        },
        {
          fr: 'ajoutez "tls": { "certFile", "keyFile" } et créez le certificat avec « comptoir-site cert agent »',
          en: 'add "tls": { "certFile", "keyFile" } and create the certificate with "comptoir-site cert agent"',
        },
      ),
    );
};

/** Every cross-field rule of a whole site file. */
const checkSite = (
  site: { agent?: AgentConfig; printers: Parsed<Printer>; kiosks: Parsed<SiteKiosk> },
  sink: IssueSink,
  unparsedPrinterIds: readonly string[] = [],
): void => {
  if (site.agent !== undefined) {
    checkAgent(site.agent, sink);
    checkAgentTls(site.agent, sink);
  }
  checkPrinters(site.printers, sink, unparsedPrinterIds);
  checkKiosks(site, sink, unparsedPrinterIds);
};

// ---------------------------------------------------------------------------------------------
// The two views of a site file

/**
 * The agent's view of a site file: the server origin, the agent settings and the printers. The
 * top level is not strict so the print agent can read a whole site file (`AGENT_SITE`) with it.
 */
export const agentSiteSchema = z
  .object({
    server: siteServerSchema,
    agent: agentConfigSchema.default({
      host: AGENT_DEFAULT_HOST,
      port: AGENT_DEFAULT_PORT,
      altNames: [],
    }),
    printers: z.array(printerSchema).min(1),
  })
  .superRefine((site, ctx) => {
    const sink = zodSink(ctx);
    checkAgent(site.agent, sink);
    checkPrinters(site.printers, sink);
  });
/** See {@link agentSiteSchema}. */
export type AgentSite = z.infer<typeof agentSiteSchema>;

/** The site file's fields, before the cross-field rules. */
const siteShapeSchema = z
  .object({
    /** Editors' hint: the JSON Schema the file follows. */
    $schema: z.string().optional(),
    schemaVersion: z.literal(1),
    /** The site's id (one dealership location). */
    id: siteIdSchema,
    dealer: siteDealerSchema,
    server: siteServerSchema,
    agent: agentConfigSchema.default({
      host: AGENT_DEFAULT_HOST,
      port: AGENT_DEFAULT_PORT,
      altNames: [],
    }),
    printers: z.array(printerSchema).min(1),
    kiosks: z.array(siteKioskSchema).min(1),
  })
  .strict();

/** The site file (schema version 1). */
export const siteSchema = siteShapeSchema.superRefine((site, ctx) => checkSite(site, zodSink(ctx)));
/** A parsed site file. */
export type Site = z.infer<typeof siteSchema>;

// ---------------------------------------------------------------------------------------------
// Every problem at once

/** One problem of a site file: where (JSON path), a stable code, what is wrong and how to fix it. */
export interface SiteIssue {
  path: (string | number)[];
  code: string;
  message: BilingualText;
  fix: BilingualText;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSiteIssueParams = (value: unknown): value is SiteIssueParams =>
  isRecord(value) &&
  typeof value.code === 'string' &&
  isRecord(value.message) &&
  isRecord(value.fix);

const listed = (values: readonly unknown[]): string =>
  values.map((value) => JSON.stringify(value)).join(', ');

/** A zod issue in the site file's words (French and English, with a fix). */
const siteIssueFromZod = (issue: z.core.$ZodIssue): SiteIssue => {
  const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
  const at = (code: string, message: BilingualText, fix: BilingualText): SiteIssue => ({
    path,
    code,
    message,
    fix,
  });
  switch (issue.code) {
    case 'custom': {
      if (isSiteIssueParams(issue.params)) return { path, ...issue.params };
      // Shared field rules (NEQ, licence number) carry a catalogue code whose message says what is expected.
      const code: unknown = issue.params?.code;
      if (typeof code === 'string' && isErrorCode(code))
        return at(code, errorCatalogue[code], errorCatalogue[code]);
      break;
    }
    case 'invalid_type':
      // zod 4 leaves the input out of issues; its message names what it received.
      if (issue.message.endsWith('received undefined'))
        return at(
          'required',
          { fr: 'champ obligatoire manquant', en: 'required field missing' },
          { fr: `ajoutez ce champ (${issue.expected})`, en: `add this field (${issue.expected})` },
        );
      return at(
        'wrong_type',
        { fr: `type attendu : ${issue.expected}`, en: `expected ${issue.expected}` },
        {
          fr: `écrivez une valeur de type ${issue.expected} (les nombres sans guillemets)`,
          en: `write a ${issue.expected} value (numbers without quotes)`,
        },
      );
    case 'invalid_value':
      return at(
        'not_allowed',
        { fr: 'valeur non permise', en: 'value not allowed' },
        {
          fr: `utilisez l'une de : ${listed(issue.values)}`,
          en: `use one of: ${listed(issue.values)}`,
        },
      );
    case 'invalid_union':
      if (
        issue.inclusive !== false &&
        issue.discriminator !== undefined &&
        issue.options !== undefined
      ) {
        const options = issue.options;
        return at(
          'not_allowed',
          { fr: 'valeur non permise', en: 'value not allowed' },
          { fr: `utilisez l'une de : ${listed(options)}`, en: `use one of: ${listed(options)}` },
        );
      }
      break;
    case 'unrecognized_keys':
      return at(
        'unknown_key',
        {
          fr: `clé inconnue : ${issue.keys.join(', ')}`,
          en: `unknown key: ${issue.keys.join(', ')}`,
        },
        {
          fr: "vérifiez l'orthographe ou retirez-la (le fichier JSON Schema liste les clés permises)",
          en: 'check its spelling or remove it (the JSON Schema lists the allowed keys)',
        },
      );
    case 'too_small':
      return at(
        'too_small',
        {
          fr: `trop petit (minimum ${String(issue.minimum)})`,
          en: `too small (minimum ${String(issue.minimum)})`,
        },
        issue.origin === 'array'
          ? {
              fr: `mettez au moins ${String(issue.minimum)} élément(s)`,
              en: `list at least ${String(issue.minimum)} item(s)`,
            }
          : issue.origin === 'string'
            ? { fr: 'écrivez une valeur non vide', en: 'write a non-empty value' }
            : {
                fr: `utilisez ${String(issue.minimum)} ou plus`,
                en: `use ${String(issue.minimum)} or more`,
              },
      );
    case 'too_big':
      return at(
        'too_big',
        {
          fr: `trop grand (maximum ${String(issue.maximum)})`,
          en: `too big (maximum ${String(issue.maximum)})`,
        },
        {
          fr: `utilisez ${String(issue.maximum)} au plus`,
          en: `use at most ${String(issue.maximum)}`,
        },
      );
    case 'invalid_format':
      return at(
        'bad_format',
        { fr: `format invalide (${issue.format})`, en: `invalid format (${issue.format})` },
        issue.format === 'url'
          ? {
              fr: 'écrivez une adresse complète avec son schéma, par exemple ipp://192.168.1.30/ipp/print',
              en: 'write a full address with its scheme, e.g. ipp://192.168.1.30/ipp/print',
            }
          : {
              fr: `respectez la forme ${issue.pattern ?? issue.format}`,
              en: `match ${issue.pattern ?? issue.format}`,
            },
      );
    default:
      break;
  }
  return at(
    'invalid',
    { fr: 'valeur invalide', en: 'invalid value' },
    { fr: issue.message, en: issue.message },
  );
};

/**
 * Every problem of a would-be site file, at once: the fields' errors and the cross-field rules
 * (duplicate ids, routes to unknown printers...), run on the parts that parsed, because zod runs
 * an object's refinements only when the whole object parsed.
 */
export const siteIssues = (input: unknown): SiteIssue[] => {
  const shape = siteShapeSchema.safeParse(input);
  const issues: SiteIssue[] = [];
  const report: IssueSink = (path, params) => issues.push({ path, ...params });
  if (shape.success) {
    checkSite(shape.data, report);
    return issues;
  }
  issues.push(...shape.error.issues.map(siteIssueFromZod));
  if (!isRecord(input)) return issues;
  const entries = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const printerEntries = entries(input.printers);
  const printers = printerEntries.map((entry) => printerSchema.safeParse(entry).data);
  const unparsedPrinterIds = printerEntries.flatMap((entry, index) =>
    printers[index] === undefined && isRecord(entry) && typeof entry.id === 'string'
      ? [entry.id]
      : [],
  );
  const kiosks = entries(input.kiosks).map((entry) => siteKioskSchema.safeParse(entry).data);
  const agent = agentConfigSchema.safeParse(input.agent ?? {}).data;
  checkSite({ agent, printers, kiosks }, report, unparsedPrinterIds);
  return issues;
};

// ---------------------------------------------------------------------------------------------
// Derived settings (one computation, used by the CLI, the agent and the kiosk)

/** The name or address kiosks use to reach the agent. */
export const agentPublicHost = (agent: AgentConfig): string => agent.publicHost ?? agent.host;

/** The agent's base URL as kiosks reach it (`https://agent.lan:9631`). */
export const agentUrl = (agent: AgentConfig): string => {
  const host = agentPublicHost(agent);
  return `${agent.tls ? 'https' : 'http'}://${isIpv6(host) ? `[${host}]` : host}:${agent.port}`;
};

/** The Local Network Access address space of the agent: the fetch's `targetAddressSpace`. */
export const agentAddressSpace = (agent: AgentConfig): 'loopback' | 'local' =>
  isLoopbackHost(agentPublicHost(agent)) ? 'loopback' : 'local';

/** Origins allowed to call the agent (CORS): the site's list, else the server's origin. */
export const agentAllowedOrigins = (site: Pick<AgentSite, 'server' | 'agent'>): string[] =>
  site.agent.allowedOrigins ?? [site.server.origin];

/** Where the agent fetches the server's public keys. */
export const agentJwksUrl = (site: Pick<AgentSite, 'server' | 'agent'>): string =>
  site.agent.jwksUrl ?? `${site.server.origin}/.well-known/jwks.json`;

/** Every name and address the agent's certificate must cover. */
export const agentCertificateNames = (agent: AgentConfig): string[] => {
  const names = [agentPublicHost(agent), ...agent.altNames];
  if (!isWildcardHost(agent.host)) names.push(agent.host);
  return [...new Set(names)];
};

/** The printer a kiosk uses for a role: its own default, else the first printer with that role. */
export const printerForRole = (
  site: Pick<Site, 'printers'>,
  kiosk: Pick<SiteKiosk, 'defaultPrinters'>,
  role: PrinterRole,
): Printer | undefined => {
  const chosen = kiosk.defaultPrinters[role];
  return site.printers.find((printer) =>
    chosen === undefined ? printer.roles.includes(role) : printer.id === chosen,
  );
};

/**
 * What the kiosk settings screen imports in one step: the kiosk's identity and lock time, where
 * the agent is and which printer serves each role. Made by `comptoir-site kiosk-settings`.
 */
export const kioskSettingsSchema = z
  .object({
    schemaVersion: z.literal(1),
    siteId: siteIdSchema,
    licence: licenceNumberSchema,
    serverOrigin: originSchema,
    kiosk: siteKioskSchema.omit({ defaultPrinters: true }),
    agent: z
      .object({
        url: httpUrlSchema,
        addressSpace: z.enum(['loopback', 'local']),
      })
      .strict(),
    printers: z.array(
      z
        .object({
          id: siteIdSchema,
          name: z.string().min(1),
          paper: paperSchema,
          roles: z.array(printerRoleSchema),
        })
        .strict(),
    ),
    /** The printer id per role for this kiosk (roles no printer serves are absent). */
    printerByRole: z.partialRecord(printerRoleSchema, siteIdSchema),
  })
  .strict();
/** See {@link kioskSettingsSchema}. */
export type KioskSettings = z.infer<typeof kioskSettingsSchema>;

/** The kiosk's part of a site file (see {@link kioskSettingsSchema}); undefined for an unknown kiosk. */
export const kioskSettingsFromSite = (site: Site, kioskId: string): KioskSettings | undefined => {
  const kiosk = site.kiosks.find((candidate) => candidate.id === kioskId);
  if (kiosk === undefined) return undefined;
  const printerByRole: KioskSettings['printerByRole'] = {};
  for (const role of printerRoles) {
    const printer = printerForRole(site, kiosk, role);
    if (printer !== undefined) printerByRole[role] = printer.id;
  }
  return {
    schemaVersion: 1,
    siteId: site.id,
    licence: site.dealer.licence,
    serverOrigin: site.server.origin,
    kiosk: {
      id: kiosk.id,
      name: kiosk.name,
      location: kiosk.location,
      idleLockMinutes: kiosk.idleLockMinutes,
      language: kiosk.language,
    },
    agent: { url: agentUrl(site.agent), addressSpace: agentAddressSpace(site.agent) },
    printers: site.printers.map(({ id, name, paper, roles }) => ({ id, name, paper, roles })),
    printerByRole,
  };
};

/**
 * What the server takes to enrol a site's kiosks (made by `comptoir-site enrolment`): one entry
 * per kiosk, whose `kioskId` is the `kioskId` of its commands and whose idle lock the server
 * enforces.
 */
export const siteEnrolmentSchema = z
  .object({
    schemaVersion: z.literal(1),
    siteId: siteIdSchema,
    licence: licenceNumberSchema,
    kiosks: z
      .array(
        z
          .object({
            kioskId: siteIdSchema,
            name: z.string().min(1),
            location: kioskLocationSchema,
            idleLockMinutes: z.number().int().min(1).max(IDLE_LOCK_DEFAULT_MINUTES),
            language: z.enum(['fr', 'en']),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
/** See {@link siteEnrolmentSchema}. */
export type SiteEnrolment = z.infer<typeof siteEnrolmentSchema>;

/** The enrolment request for every kiosk of a site (see {@link siteEnrolmentSchema}). */
export const siteEnrolment = (site: Site): SiteEnrolment => ({
  schemaVersion: 1,
  siteId: site.id,
  licence: site.dealer.licence,
  kiosks: site.kiosks.map((kiosk) => ({
    kioskId: kiosk.id,
    name: kiosk.name,
    location: kiosk.location,
    idleLockMinutes: kiosk.idleLockMinutes,
    language: kiosk.language,
  })),
});

/** The site file's JSON Schema (input side: defaults make fields optional), for editors. */
export const siteJsonSchema = (): Record<string, unknown> =>
  z.toJSONSchema(siteSchema, { io: 'input', unrepresentable: 'any' });
