#!/usr/bin/env node
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/health', (c) => c.json({ status: 'ok', service: 'comptoir-print-agent' }));

const host = process.env.AGENT_HOST ?? '127.0.0.1';
const port = Number(process.env.AGENT_PORT ?? 9631);
const server = serve({ fetch: app.fetch, hostname: host, port }, () => {
  console.log(`print agent on http://${host}:${port}`);
});
const stop = (): void => {
  server.close(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
