import * as x509 from '@peculiar/x509';
import { createHash } from 'node:crypto';

/**
 * The Apple configuration profile (`.mobileconfig`) that installs the site CA on an iPad or a
 * Mac, so that Safari trusts the print agent's HTTPS certificate (`comptoir-site cert agent`).
 * Safari has no Local Network Access permission and refuses an `http://` call from an HTTPS
 * page: the agent must be HTTPS, under a CA the device trusts.
 *
 * The profile is a property list holding one `com.apple.security.root` payload: Apple's trust
 * payload for a root certificate (a `com.apple.security.pkcs1` payload would install the
 * certificate without trusting it). On iOS and iPadOS a person who installs a profile by hand
 * must still turn on full trust for the CA in Réglages > Général > Informations > Réglages des
 * certificats (docs/operating.md, "An iPad at the delivery bay"); a profile pushed by an MDM is
 * trusted at once. The profile is not signed: the device shows it as "Non vérifié / Not
 * Verified", which is expected for a profile a site makes itself.
 */

/** What the profile names. */
export interface AppleProfileOptions {
  /** The site CA certificate (PEM), as `comptoir-site ca init` wrote it. */
  caCertificatePem: string;
  /** The site id: the profile's identifier, so installing a newer profile replaces the old one. */
  siteId: string;
  /** The dealer's name, shown on the device's list of profiles. */
  dealerName: string;
}

/** The reverse-DNS prefix of every identifier the profile carries. */
export const PROFILE_IDENTIFIER_PREFIX = 'ca.comptoir.site';

/**
 * A UUID (RFC 9562 version 8, the "custom" layout) from the CA's fingerprint and a role: the
 * same CA always gives the same profile (regenerating it changes nothing on the iPads), while
 * two CAs, or two payloads of one profile, never share an identifier.
 */
export const profileUuid = (caDer: Uint8Array, role: string): string => {
  const bytes = createHash('sha256').update(caDer).update(`\0${role}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** A property-list value: what this profile needs of the format. */
type PlistValue =
  string | number | boolean | Uint8Array | PlistValue[] | { [key: string]: PlistValue };

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const plistValue = (value: PlistValue, indent: string): string => {
  if (typeof value === 'string') return `${indent}<string>${escapeXml(value)}</string>`;
  if (typeof value === 'number') return `${indent}<integer>${String(Math.trunc(value))}</integer>`;
  if (typeof value === 'boolean') return `${indent}<${value ? 'true' : 'false'}/>`;
  if (value instanceof Uint8Array) {
    const lines =
      Buffer.from(value)
        .toString('base64')
        .match(/.{1,64}/g) ?? [];
    return `${indent}<data>\n${lines.map((line) => `${indent}${line}`).join('\n')}\n${indent}</data>`;
  }
  const inner = `${indent}\t`;
  if (Array.isArray(value))
    return `${indent}<array>\n${value.map((item) => plistValue(item, inner)).join('\n')}\n${indent}</array>`;
  const entries = Object.entries(value).map(
    ([key, item]) => `${inner}<key>${escapeXml(key)}</key>\n${plistValue(item, inner)}`,
  );
  return `${indent}<dict>\n${entries.join('\n')}\n${indent}</dict>`;
};

/** Serialises a property list (XML format 1.0, as Apple Configurator writes it). */
export const plist = (root: PlistValue): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
  `<plist version="1.0">\n${plistValue(root, '')}\n</plist>\n`;

/** The `.mobileconfig` text that installs (and trusts) the site CA. */
export const appleConfigurationProfile = ({
  caCertificatePem,
  siteId,
  dealerName,
}: AppleProfileOptions): string => {
  const ca = new x509.X509Certificate(caCertificatePem);
  const der = new Uint8Array(ca.rawData);
  const caName = ca.subjectName.getField('CN')[0] ?? 'Comptoir site CA';
  const identifier = `${PROFILE_IDENTIFIER_PREFIX}.${siteId}`;
  return plist({
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: profileUuid(der, 'profile'),
    PayloadDisplayName: `Comptoir — ${dealerName}`,
    PayloadDescription:
      "Installe le certificat du site Comptoir pour imprimer depuis Safari. Après l'installation : " +
      'Réglages > Général > Informations > Réglages des certificats, activer la confiance totale. / ' +
      'Installs the Comptoir site certificate so Safari can print. After installing: Settings > ' +
      'General > About > Certificate Trust Settings, turn on full trust.',
    PayloadOrganization: 'Comptoir',
    PayloadRemovalDisallowed: false,
    PayloadContent: [
      {
        PayloadType: 'com.apple.security.root',
        PayloadVersion: 1,
        PayloadIdentifier: `${identifier}.ca`,
        PayloadUUID: profileUuid(der, 'root-ca'),
        PayloadDisplayName: caName,
        PayloadDescription: `Autorité de certification du site / site certificate authority: ${caName}`,
        PayloadCertificateFileName: 'comptoir-site-ca.cer',
        PayloadContent: der,
      },
    ],
  });
};
