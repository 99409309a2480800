#!/usr/bin/env node
import { startAgent } from './agent.js';
import { loadAgentSettings } from './config/agent-settings.js';
import { parseFaults } from './faults.js';
import { createTemplateRenderer } from './render/template-renderer.js';

// `--site <file>` is a synonym of AGENT_SITE (and wins over it).
const agent = await startAgent(loadAgentSettings(process.env, process.argv.slice(2)), {
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
