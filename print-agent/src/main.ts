#!/usr/bin/env node
import { startAgent } from './agent.js';
import { loadAgentSettings, type AgentSettings } from './config/agent-settings.js';
import { parseFaults } from './faults.js';
import { createTemplateRenderer } from './render/template-renderer.js';

// Flags (`--site`, `--host`, `--port`, `--data-dir`) win over the environment, which wins over
// the site file (docs/configuration.md). A bad or conflicting setting stops here, readably.
let settings: AgentSettings;
try {
  settings = loadAgentSettings(process.env, process.argv.slice(2));
} catch (error) {
  console.error(`Configuration refused: ${error instanceof Error ? error.message : String(error)}`);
  // EX_CONFIG: systemd and npm start show a configuration error, not a crash.
  process.exit(78);
}
const agent = await startAgent(settings, {
  renderer: createTemplateRenderer(),
  faults: parseFaults(process.env.COMPTOIR_FAULTS),
});

let isStopping = false;
const stop = (signal: string): void => {
  if (isStopping) return;
  isStopping = true;
  console.log(`${signal}: stopping (finishing sends in flight)`);
  agent.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
