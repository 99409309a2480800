import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/** The stand-in supplier running as its own process (what the process tests talk to). */
export interface SupplierProcess {
  url: string;
  process: ChildProcess;
  /** The orders it holds (its `GET /orders`). */
  orders(): Promise<{ orderId: string; stage: string; receipts: number }[]>;
  stop(): Promise<void>;
}

const ordersSchema = z.object({
  orders: z.array(
    z
      .object({
        order: z.object({ orderId: z.string() }).loose(),
        stage: z.string(),
        receipts: z.number(),
      })
      .loose(),
  ),
});

/** Starts `plate-supplier/main.ts` (through tsx) on `port` and waits until it listens. */
export async function spawnSupplier(options: {
  port: number;
  webhookUrl: string;
  secret: string;
  timings: string;
}): Promise<SupplierProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      SUPPLIER_PORT: String(options.port),
      SUPPLIER_WEBHOOK_URL: options.webhookUrl,
      PLATE_SUPPLIER_SECRET: options.secret,
      PLATE_SUPPLIER_TIMINGS: options.timings,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', () => reject(new Error(`supplier exited:\n${output}`)));
    setTimeout(() => reject(new Error(`supplier did not start:\n${output}`)), 30_000).unref();
  });
  return {
    url,
    process: child,
    async orders() {
      const response = await fetch(`${url}/orders`);
      return ordersSchema.parse(await response.json()).orders.map((entry) => ({
        orderId: entry.order.orderId,
        stage: entry.stage,
        receipts: entry.receipts,
      }));
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
