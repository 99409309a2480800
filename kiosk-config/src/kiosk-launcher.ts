import { agentUrl, kioskSettingsFromSite, type KioskSettings, type Site } from '@comptoir/shared';
import { chromiumPolicy, kioskAppUrl, type ChromiumPolicy } from './chromium-policy.js';
import { renderTemplate } from './templates.js';

/** The Linux user the kiosk browser runs as: never a person's account. */
export const KIOSK_USER = 'comptoir-kiosk';

/** The NSS nickname of a site's CA in the kiosk user's database. */
export const caNickname = (site: Site): string => `Comptoir CA ${site.id}`;

/** One generated file: its name in the output folder, its content and its mode. */
export interface GeneratedFile {
  name: string;
  content: string;
  mode: number;
}

/** Options of {@link kioskLauncherFiles}. */
export interface KioskLauncherOptions {
  /** The site CA certificate (PEM); required when the agent speaks HTTPS. */
  caCertificatePem?: string;
}

/** Thrown when a kiosk's files cannot be generated (unknown kiosk, missing CA). */
export class LauncherError extends Error {
  override readonly name = 'LauncherError';
}

/** The kiosk's part of the site, or a clear error naming the kiosks that exist. */
export const kioskSettingsOrThrow = (site: Site, kioskId: string): KioskSettings => {
  const settings = kioskSettingsFromSite(site, kioskId);
  if (settings === undefined)
    throw new LauncherError(
      `No kiosk "${kioskId}" in site ${site.id}; kiosks: ${site.kiosks.map((kiosk) => kiosk.id).join(', ')}`,
    );
  return settings;
};

/** Escapes a string for a `.reg` file value. */
const regString = (value: string): string =>
  `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The policy as a Windows registry file for Chrome: lists of strings become numbered subkeys,
 * and a list of objects (a dictionary policy) is one JSON string, as Chrome reads those.
 */
export const windowsPolicyReg = (policy: ChromiumPolicy): string => {
  const root = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome';
  const scalars: string[] = [];
  const lists: string[] = [];
  for (const [key, value] of Object.entries(policy)) {
    if (Array.isArray(value) && value.some((item) => typeof item !== 'string')) {
      scalars.push(`"${key}"=${regString(JSON.stringify(value))}`);
    } else if (Array.isArray(value)) {
      // Delete first so a shorter list does not keep stale entries from a previous import.
      lists.push('', `[-${root}\\${key}]`, `[${root}\\${key}]`);
      value.forEach((item, index) => lists.push(`"${index + 1}"=${regString(String(item))}`));
    } else if (typeof value === 'string') scalars.push(`"${key}"=${regString(value)}`);
    else scalars.push(`"${key}"=dword:${Number(value).toString(16).padStart(8, '0')}`);
  }
  return ['Windows Registry Editor Version 5.00', '', `[${root}]`, ...scalars, ...lists, ''].join(
    '\r\n',
  );
};

/**
 * Everything one kiosk needs: the Linux setup and start scripts, the policy (JSON and Windows
 * registry), the site CA, the settings file the kiosk app imports, and the Windows notes.
 */
export const kioskLauncherFiles = async (
  site: Site,
  kioskId: string,
  { caCertificatePem }: KioskLauncherOptions = {},
): Promise<GeneratedFile[]> => {
  const settings = kioskSettingsOrThrow(site, kioskId);
  const usesTls = site.agent.tls !== undefined;
  if (usesTls && caCertificatePem === undefined)
    throw new LauncherError(
      'The agent speaks HTTPS: pass the site CA (--ca <dir>) so the kiosk can trust it.',
    );
  const policy = chromiumPolicy(site);
  const values = {
    siteId: site.id,
    kioskId: settings.kiosk.id,
    // Names go into comments and documents: one line, no shell metacharacters.
    kioskName: settings.kiosk.name.replace(/[\n\r"`$\\]/g, ' '),
    kioskUser: KIOSK_USER,
    // Canadian locales: Chromium draws date fields in its own locale, whatever the page's
    // `lang`; fr-CA and en-CA both show 2026-12-02, never the US 12/02/2026.
    language: settings.kiosk.language === 'fr' ? 'fr-CA' : 'en-CA',
    appUrl: kioskAppUrl(site),
    origin: site.server.origin,
    agentUrl: agentUrl(site.agent),
    caNickname: caNickname(site),
    caNote: usesTls
      ? ''
      : ' (not needed for this site: its agent runs on the kiosk over plain HTTP)',
  };
  const trustCa = usesTls
    ? await renderTemplate('trust-ca.sh', values)
    : '\n# 2. No site CA to trust: the agent runs on the kiosk over plain HTTP.\n';
  const files: GeneratedFile[] = [
    {
      name: 'kiosk-setup.sh',
      content: await renderTemplate('kiosk-setup.sh', values, { trustCa }),
      mode: 0o755,
    },
    {
      name: 'kiosk-start.sh',
      content: await renderTemplate('kiosk-start.sh', values),
      mode: 0o755,
    },
    { name: 'policy.json', content: `${JSON.stringify(policy, null, 2)}\n`, mode: 0o644 },
    { name: 'policy.reg', content: windowsPolicyReg(policy), mode: 0o644 },
    { name: 'kiosk-settings.json', content: `${JSON.stringify(settings, null, 2)}\n`, mode: 0o644 },
    {
      name: 'windows-kiosk.md',
      content: await renderTemplate('windows-kiosk.md', values),
      mode: 0o644,
    },
  ];
  if (caCertificatePem !== undefined)
    files.push({ name: 'site-ca.crt', content: caCertificatePem, mode: 0o644 });
  return files;
};
