import { isIpAddress } from '@comptoir/shared';
import * as x509 from '@peculiar/x509';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  KEY_ALGORITHM,
  randomSerialNumber,
  SIGNING_ALGORITHM,
  type SiteCa,
} from './site-ca.service.js';

/** An issued agent certificate: PEM chain (leaf then CA) and PKCS#8 key. */
export interface AgentCertificate {
  certificate: x509.X509Certificate;
  /** The leaf then the CA: what a TLS server sends so clients can build the chain. */
  chainPem: string;
  privateKeyPem: string;
}

/** Options of {@link issueAgentCertificate}. */
export interface IssueAgentCertificateOptions {
  /** Host names and IP addresses the agent is reached at (the first is the common name). */
  names: readonly string[];
  /**
   * Validity in days. 397 is the longest Apple platforms accept for a TLS server certificate;
   * Chromium applies the same cap to public CAs only, but a shorter life costs little here.
   */
  days?: number;
  now?: Date;
}

const DAY_MS = 86_400_000;

/** The subject alternative names: IP entries for addresses, DNS entries for names. */
export const subjectAltNames = (names: readonly string[]): x509.JsonGeneralName[] =>
  names.map((name) => ({ type: isIpAddress(name) ? 'ip' : 'dns', value: name }));

/** Issues the agent's HTTPS certificate from the site CA, for exactly the given names. */
export const issueAgentCertificate = async (
  ca: SiteCa,
  { names, days = 397, now = new Date() }: IssueAgentCertificateOptions,
): Promise<AgentCertificate> => {
  const [commonName] = names;
  if (commonName === undefined) throw new Error('An agent certificate needs at least one name');
  const keys = await globalThis.crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: [{ CN: [commonName] }, { O: ['Comptoir'] }],
    issuer: ca.certificate.subjectName,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + days * DAY_MS),
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      // Browsers read names only from here (the common name is ignored since Chrome 58).
      new x509.SubjectAlternativeNameExtension(subjectAltNames(names)),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
    ],
  });
  const pkcs8 = await globalThis.crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certificate,
    chainPem: `${certificate.toString('pem')}\n${ca.certificate.toString('pem')}\n`,
    privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
  };
};

/** Writes the certificate chain and its key (mode 0600) where the agent's site file expects them. */
export const writeAgentCertificate = async (
  issued: AgentCertificate,
  paths: { certFile: string; keyFile: string },
): Promise<void> => {
  await mkdir(dirname(paths.certFile), { recursive: true });
  await mkdir(dirname(paths.keyFile), { recursive: true, mode: 0o700 });
  await writeFile(paths.keyFile, issued.privateKeyPem, { mode: 0o600 });
  await chmod(paths.keyFile, 0o600);
  await writeFile(paths.certFile, issued.chainPem);
};
