#!/usr/bin/env node
import { startAgent } from './agent.js';
import { loadAgentSettings } from './config/agent-settings.js';
import { parseFaults } from './faults.js';
import { createTemplateRenderer } from './render/template-renderer.js';

const agent = await startAgent(loadAgentSettings(), {
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
