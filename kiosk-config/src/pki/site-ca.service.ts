import * as x509 from '@peculiar/x509';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// Node's crypto can make keys but not certificates: @peculiar/x509 builds them over WebCrypto.
x509.cryptoProvider.set(globalThis.crypto);

/** ECDSA P-256 with SHA-256: accepted by Chromium, NSS, Safari, Windows and Node's TLS alike. */
export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
/** The signature algorithm of every certificate the site CA issues. */
export const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** File names inside a CA directory. */
export const CA_CERT_FILE = 'ca.crt';
export const CA_KEY_FILE = 'ca.key';

/** A site certificate authority, loaded and ready to sign. */
export interface SiteCa {
  certificate: x509.X509Certificate;
  privateKey: CryptoKey;
}

/** Options of {@link createSiteCa}. */
export interface CreateSiteCaOptions {
  /** The CA's common name, shown by browsers and `certutil -L`. */
  commonName: string;
  /** Validity in days (ten years by default: replacing a CA means visiting every kiosk). */
  days?: number;
  now?: Date;
}

const DAY_MS = 86_400_000;

/** A random positive serial number (RFC 5280: at most 20 octets, unpredictable). */
export const randomSerialNumber = (): string => {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  // Clear the top bit so the DER integer stays positive.
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
};

/** Creates a site CA in memory: a self-signed certificate that may only sign end-entity certificates. */
export const createSiteCa = async ({
  commonName,
  days = 3650,
  now = new Date(),
}: CreateSiteCaOptions): Promise<SiteCa & { privateKeyPem: string }> => {
  const keys = await globalThis.crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: [{ CN: [commonName] }, { O: ['Comptoir'] }],
    // A minute of slack for kiosks whose clock runs a little behind the CA's.
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + days * DAY_MS),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys,
    extensions: [
      // pathLength 0: this CA signs the agent's certificate, never another CA.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await globalThis.crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    certificate,
    privateKey: keys.privateKey,
    privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
  };
};

/** Thrown when a CA directory is missing, incomplete or would be overwritten. */
export class SiteCaError extends Error {
  override readonly name = 'SiteCaError';
}

const exists = async (path: string): Promise<boolean> =>
  readFile(path).then(
    () => true,
    () => false,
  );

/**
 * Creates a CA in `dir` (`ca.crt`, and `ca.key` readable by its owner only). Refuses to replace
 * an existing CA: every kiosk trusts it, so a new one would break them all at once.
 */
export const initSiteCa = async (dir: string, options: CreateSiteCaOptions): Promise<SiteCa> => {
  const certPath = join(dir, CA_CERT_FILE);
  const keyPath = join(dir, CA_KEY_FILE);
  if ((await exists(certPath)) || (await exists(keyPath)))
    throw new SiteCaError(
      `A CA already exists in ${dir}: kiosks trust it, keep it (or delete it on purpose and re-trust every kiosk).`,
    );
  const ca = await createSiteCa(options);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, ca.privateKeyPem, { mode: 0o600, flag: 'wx' });
  // The umask may have changed the mode at creation: set it outright.
  await chmod(keyPath, 0o600);
  await writeFile(certPath, ca.certificate.toString('pem') + '\n', { flag: 'wx' });
  return ca;
};

/** Loads the CA of `dir` for signing. */
export const loadSiteCa = async (dir: string): Promise<SiteCa> => {
  const certPath = join(dir, CA_CERT_FILE);
  const keyPath = join(dir, CA_KEY_FILE);
  if (!(await exists(certPath)) || !(await exists(keyPath)))
    throw new SiteCaError(`No CA in ${dir}: run "comptoir-site ca init --dir ${dir}" first.`);
  const certificate = new x509.X509Certificate(await readFile(certPath, 'utf8'));
  const pkcs8 = x509.PemConverter.decodeFirst(await readFile(keyPath, 'utf8'));
  const privateKey = await globalThis.crypto.subtle.importKey(
    'pkcs8',
    pkcs8,
    KEY_ALGORITHM,
    false,
    ['sign'],
  );
  return { certificate, privateKey };
};
