import { agentCertificateNames, siteEnrolment, siteJsonSchema, type Site } from '@comptoir/shared';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { agentSystemdUnit } from './agent-unit.js';
import { chromiumPolicy } from './chromium-policy.js';
import { kioskLauncherFiles, kioskSettingsOrThrow } from './kiosk-launcher.js';
import { issueAgentCertificate, writeAgentCertificate } from './pki/agent-certificate.service.js';
import { appleConfigurationProfile } from './pki/apple-profile.js';
import { CA_CERT_FILE, initSiteCa, loadSiteCa } from './pki/site-ca.service.js';
import { printTestAll } from './print-test.client.js';
import { formatSiteIssue, readSiteFile } from './site-file.js';

/** Where the CLI writes and what it reads from its surroundings (a twin in tests). */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A refusal the CLI explains in one message, then exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export const USAGE = `comptoir-site: Comptoir site files (fichiers de site)

  validate <site.json>                     check a site file; every problem at once, with a fix
  json-schema [--out <file>]               the site file's JSON Schema, for editors
  ca init [--dir <ca>] [--name <cn>]       create the site certificate authority (ca.crt, ca.key)
  cert agent <site.json> [--ca <ca>] [--out <dir>]
                                           the agent's HTTPS certificate (to agent.tls paths, or <dir>)
  apple-profile <site.json> [--ca <ca>] [--out <file>]
                                           the iPad/Mac profile (.mobileconfig) that trusts the site CA
  chromium-policy <site.json> <kiosk>      the kiosk's Chromium managed policy (JSON)
  launch <site.json> <kiosk> [--ca <ca>] [--out <dir>]
                                           Linux setup + start scripts, policy, CA, Windows notes
  systemd <site.json> agent [--install-dir <dir>] [--site-path <file>] [--node <path>]
                                           the agent's systemd unit
  kiosk-settings <site.json> <kiosk>       what the kiosk's settings screen imports
  enrolment <site.json>                    the kiosks' enrolment request for the server
  print-test <site.json> [--ca <ca>] [--secret-file <file>]
                                           print the agent's TEST page on every printer
`;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Reads a site file or throws every problem, formatted. */
const loadSite = async (
  path: string | undefined,
  io: CliIo,
): Promise<{ site: Site; sitePath: string }> => {
  if (path === undefined) throw new CliError(`A site file is required.\n\n${USAGE}`, 2);
  const sitePath = resolve(io.cwd, path);
  const result = await readSiteFile(sitePath);
  if (!result.ok)
    throw new CliError(
      `${path}: ${result.issues.length} problème(s) / problem(s)\n${result.issues.map(formatSiteIssue).join('\n')}`,
    );
  return { site: result.site, sitePath };
};

const writeOrPrint = async (text: string, out: string | undefined, io: CliIo): Promise<void> => {
  if (out === undefined) return io.stdout(text);
  const path = resolve(io.cwd, out);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  io.stderr(`wrote ${path}\n`);
};

/** The agent's admin secret, from the first place that has it. */
const adminSecretFor = async (
  site: Site,
  secretFile: string | undefined,
  io: CliIo,
): Promise<string> => {
  const fromFile = async (path: string): Promise<string | undefined> =>
    readFile(resolve(io.cwd, path), 'utf8').then(
      (text) => text.trim() || undefined,
      () => undefined,
    );
  if (secretFile !== undefined) {
    const secret = await fromFile(secretFile);
    if (secret === undefined) throw new CliError(`Cannot read the admin secret from ${secretFile}`);
    return secret;
  }
  const ref = site.agent.adminSecretRef;
  const candidates = [
    ref !== undefined && 'env' in ref ? io.env[ref.env] : undefined,
    ref !== undefined && 'file' in ref ? await fromFile(ref.file) : undefined,
    io.env.AGENT_ADMIN_SECRET,
    site.agent.dataDir === undefined
      ? undefined
      : await fromFile(join(site.agent.dataDir, 'admin-secret')),
    io.env.AGENT_DATA_DIR === undefined
      ? undefined
      : await fromFile(join(io.env.AGENT_DATA_DIR, 'admin-secret')),
  ];
  const secret = candidates.find((candidate) => candidate !== undefined && candidate !== '');
  if (secret === undefined)
    throw new CliError(
      'No admin secret: pass --secret-file, set AGENT_ADMIN_SECRET, or set the site\'s "agent.adminSecretRef".',
    );
  return secret;
};

const readCaCertificate = async (caDir: string, io: CliIo): Promise<string> => {
  const path = resolve(io.cwd, caDir, CA_CERT_FILE);
  return readFile(path, 'utf8').catch(() => {
    throw new CliError(
      `No CA certificate at ${path}: run "comptoir-site ca init --dir ${caDir}" first.`,
    );
  });
};

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, Command> = {
  async validate([path], io) {
    const { site } = await loadSite(path, io);
    io.stdout(
      `✓ ${path ?? ''}: site ${site.id}, ${site.printers.length} imprimante(s) / printer(s), ${site.kiosks.length} kiosque(s) / kiosk(s)\n`,
    );
    return 0;
  },

  async 'json-schema'(args, io) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
    await writeOrPrint(json(siteJsonSchema()), values.out, io);
    return 0;
  },

  async ca([action, ...args], io) {
    if (action !== 'init') throw new CliError(`Unknown "ca ${action ?? ''}".\n\n${USAGE}`, 2);
    const { values } = parseArgs({
      args,
      options: {
        dir: { type: 'string', default: 'site-ca' },
        name: { type: 'string', default: 'Comptoir site CA' },
        days: { type: 'string', default: '3650' },
      },
    });
    const dir = resolve(io.cwd, values.dir);
    const ca = await initSiteCa(dir, { commonName: values.name, days: Number(values.days) });
    io.stdout(
      `✓ CA "${values.name}" in ${dir} (${CA_CERT_FILE} to install on kiosks, ca.key to keep private)\n` +
        `  SHA-256: ${Buffer.from(await ca.certificate.getThumbprint('SHA-256')).toString('hex')}\n`,
    );
    return 0;
  },

  async cert([what, path, ...args], io) {
    if (what !== 'agent') throw new CliError(`Unknown "cert ${what ?? ''}".\n\n${USAGE}`, 2);
    const { values } = parseArgs({
      args,
      options: {
        ca: { type: 'string', default: 'site-ca' },
        out: { type: 'string' },
        days: { type: 'string', default: '397' },
      },
    });
    const { site, sitePath } = await loadSite(path, io);
    const paths =
      values.out !== undefined
        ? {
            certFile: resolve(io.cwd, values.out, 'agent.crt'),
            keyFile: resolve(io.cwd, values.out, 'agent.key'),
          }
        : site.agent.tls !== undefined
          ? {
              // Relative paths in a site file are relative to the file itself.
              certFile: resolve(dirname(sitePath), site.agent.tls.certFile),
              keyFile: resolve(dirname(sitePath), site.agent.tls.keyFile),
            }
          : undefined;
    if (paths === undefined)
      throw new CliError('The site\'s agent has no "tls" section: add one, or pass --out <dir>.');
    const ca = await loadSiteCa(resolve(io.cwd, values.ca)).catch((error: unknown) => {
      throw new CliError(error instanceof Error ? error.message : String(error));
    });
    const names = agentCertificateNames(site.agent);
    const issued = await issueAgentCertificate(ca, { names, days: Number(values.days) });
    await writeAgentCertificate(issued, paths);
    io.stdout(
      `✓ agent certificate for ${names.join(', ')}\n  ${paths.certFile}\n  ${paths.keyFile}\n`,
    );
    return 0;
  },

  async 'apple-profile'([path, ...args], io) {
    const { values } = parseArgs({
      args,
      options: { ca: { type: 'string', default: 'site-ca' }, out: { type: 'string' } },
    });
    const { site } = await loadSite(path, io);
    const profile = appleConfigurationProfile({
      caCertificatePem: await readCaCertificate(values.ca, io),
      siteId: site.id,
      dealerName: site.dealer.name,
    });
    await writeOrPrint(profile, values.out ?? `comptoir-${site.id}.mobileconfig`, io);
    io.stdout(
      '✓ profile: send it to the iPad (AirDrop, mail, or a web page), install it in Réglages, then\n' +
        '  Réglages > Général > Informations > Réglages des certificats: turn on full trust\n',
    );
    return 0;
  },

  async 'chromium-policy'([path, kioskId], io) {
    const { site } = await loadSite(path, io);
    if (kioskId === undefined) throw new CliError(`A kiosk id is required.\n\n${USAGE}`, 2);
    kioskSettingsOrThrow(site, kioskId);
    io.stdout(json(chromiumPolicy(site)));
    return 0;
  },

  async launch([path, kioskId, ...args], io) {
    const { values } = parseArgs({
      args,
      options: { ca: { type: 'string' }, out: { type: 'string' } },
    });
    const { site } = await loadSite(path, io);
    if (kioskId === undefined) throw new CliError(`A kiosk id is required.\n\n${USAGE}`, 2);
    const caDir = values.ca ?? (site.agent.tls === undefined ? undefined : 'site-ca');
    const caCertificatePem = caDir === undefined ? undefined : await readCaCertificate(caDir, io);
    const files = await kioskLauncherFiles(
      site,
      kioskId,
      caCertificatePem === undefined ? {} : { caCertificatePem },
    );
    const outDir = resolve(io.cwd, values.out ?? `kiosk-${kioskId}`);
    await mkdir(outDir, { recursive: true });
    for (const file of files) {
      const filePath = join(outDir, file.name);
      await writeFile(filePath, file.content, { mode: file.mode });
      await chmod(filePath, file.mode);
    }
    io.stdout(
      `✓ kiosk ${kioskId}: ${files.map((file) => file.name).join(', ')} in ${outDir}\n` +
        `  Linux: copy the folder to the kiosk and run "sudo sh kiosk-setup.sh"; Windows: see windows-kiosk.md\n`,
    );
    return 0;
  },

  async systemd([path, what, ...args], io) {
    if (what !== 'agent') throw new CliError(`Usage: systemd <site.json> agent\n\n${USAGE}`, 2);
    const { values } = parseArgs({
      args,
      options: {
        'install-dir': { type: 'string' },
        'site-path': { type: 'string' },
        node: { type: 'string' },
        out: { type: 'string' },
      },
    });
    const { site } = await loadSite(path, io);
    const unit = await agentSystemdUnit(site, {
      ...(values['install-dir'] === undefined ? {} : { installDir: values['install-dir'] }),
      ...(values['site-path'] === undefined ? {} : { sitePath: values['site-path'] }),
      ...(values.node === undefined ? {} : { nodePath: values.node }),
    });
    await writeOrPrint(unit, values.out, io);
    return 0;
  },

  async 'kiosk-settings'([path, kioskId], io) {
    const { site } = await loadSite(path, io);
    if (kioskId === undefined) throw new CliError(`A kiosk id is required.\n\n${USAGE}`, 2);
    io.stdout(json(kioskSettingsOrThrow(site, kioskId)));
    return 0;
  },

  async enrolment([path], io) {
    const { site } = await loadSite(path, io);
    io.stdout(json(siteEnrolment(site)));
    return 0;
  },

  async 'print-test'([path, ...args], io) {
    const { values } = parseArgs({
      args,
      options: { ca: { type: 'string' }, 'secret-file': { type: 'string' } },
    });
    const { site } = await loadSite(path, io);
    const adminSecret = await adminSecretFor(site, values['secret-file'], io);
    const caDir = values.ca ?? (site.agent.tls === undefined ? undefined : 'site-ca');
    const caCertificatePem = caDir === undefined ? undefined : await readCaCertificate(caDir, io);
    const results = await printTestAll(site, {
      adminSecret,
      ...(caCertificatePem === undefined ? {} : { caCertificatePem }),
    });
    for (const result of results)
      io.stdout(
        `${result.isOk ? '✓' : '✗'} ${result.printerId} (${result.printerName}): ${result.detail}\n`,
      );
    return results.every((result) => result.isOk) ? 0 : 1;
  },
};

/** Runs one CLI invocation; returns the exit code (errors are printed, not thrown). */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      io.stdout(USAGE);
      return name === undefined ? 2 : 0;
    }
    io.stderr(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    // A parseArgs usage error, a template or certificate failure: say it, without a stack.
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
};
