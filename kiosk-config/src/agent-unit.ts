import type { Site } from '@comptoir/shared';
import { renderTemplate } from './templates.js';

/** Where the agent is installed and runs on its box. */
export interface AgentUnitOptions {
  /** Absolute path of the Comptoir checkout or package on the agent box. */
  installDir?: string;
  /** Absolute path the site file will have on the agent box. */
  sitePath?: string;
  /** Absolute path of Node 20 on the agent box. */
  nodePath?: string;
  serviceUser?: string;
}

const STATE_DIRECTORY = 'comptoir-agent';

/**
 * The systemd unit of the agent: runs as its own user, keeps its ledger under
 * `/var/lib/comptoir-agent` (or the site's `agent.dataDir`), may write only there and to file
 * printers' folders, and can bind a port below 1024 only when the site asks for one.
 */
export const agentSystemdUnit = async (
  site: Site,
  {
    installDir = '/opt/comptoir',
    sitePath = '/etc/comptoir/site.json',
    nodePath = '/usr/bin/node',
    serviceUser = 'comptoir-agent',
  }: AgentUnitOptions = {},
): Promise<string> => {
  const dataDir = site.agent.dataDir ?? `/var/lib/${STATE_DIRECTORY}`;
  const writable = new Set([dataDir]);
  for (const printer of site.printers)
    if (printer.driver === 'file' && printer.directory !== undefined)
      writable.add(printer.directory);
  const secretRef = site.agent.adminSecretRef;
  const extraEnvironment =
    secretRef !== undefined && 'env' in secretRef
      ? `# ${secretRef.env} (the admin secret) comes from this root-only file.\nEnvironmentFile=/etc/comptoir/agent.env\n`
      : '';
  const capabilities =
    site.agent.port < 1024
      ? 'AmbientCapabilities=CAP_NET_BIND_SERVICE\nCapabilityBoundingSet=CAP_NET_BIND_SERVICE\n'
      : '# No capability at all: the agent listens on a port above 1024.\nCapabilityBoundingSet=\n';
  return renderTemplate('comptoir-agent.service', {
    siteId: site.id,
    installDir,
    sitePath,
    nodePath,
    serviceUser,
    dataDir,
    stateDirectory: STATE_DIRECTORY,
    extraEnvironment,
    capabilities,
    readWritePaths: [...writable].join(' '),
  });
};
