import { createServer, type Server, type Socket } from 'node:net';

/** One job as the fake printer received it. */
export interface ReceivedJob {
  bytes: Buffer;
  /** `performance.now()` when the last byte arrived. */
  lastByteAt: number;
}

/** How the fake printer behaves. */
export interface FakePrinterOptions {
  /** Answer to an ESC/POS paper-status request (DLE EOT 4); none: stay silent like many printers. */
  paperStatusByte?: number;
  /** Accept connections and read, but never close: a printer stuck mid-job. */
  isStuck?: boolean;
}

const PAPER_STATUS_REQUEST = Buffer.from([0x10, 0x04, 0x04]);

/**
 * A TCP printer on 127.0.0.1 that records every job's bytes (raw 9100 or ESC/POS): the twin of
 * a network printer for tests and benchmarks. It closes its side when the sender is done, as a
 * JetDirect port does.
 */
export class FakePrinter {
  readonly jobs: ReceivedJob[] = [];
  /** Connections that sent nothing (status probes). */
  probes = 0;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #waiters = new Set<() => void>();
  options: FakePrinterOptions;

  private constructor(options: FakePrinterOptions) {
    this.options = options;
    // Half-open: the printer decides when to close (a stuck one never does).
    this.#server = createServer({ allowHalfOpen: true }, (socket) => this.#accept(socket));
  }

  static start(options: FakePrinterOptions = {}): Promise<FakePrinter> {
    return FakePrinter.startOn(0, options);
  }

  /** Starts on a given port (a printer switched back on at its old address). */
  static async startOn(port: number, options: FakePrinterOptions = {}): Promise<FakePrinter> {
    const printer = new FakePrinter(options);
    await new Promise<void>((resolve, reject) => {
      printer.#server.once('error', reject);
      printer.#server.listen(port, '127.0.0.1', resolve);
    });
    return printer;
  }

  get port(): number {
    const address = this.#server.address();
    if (typeof address !== 'object' || address === null)
      throw new Error('fake printer not listening');
    return address.port;
  }

  /** Resolves once `count` jobs arrived, or rejects after `timeoutMs`. */
  async waitForJobs(count: number, timeoutMs = 10_000): Promise<ReceivedJob[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.jobs.length < count) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`fake printer: ${this.jobs.length} of ${count} jobs after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.#waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.jobs.slice(0, count);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    const chunks: Buffer[] = [];
    let lastByteAt = 0;
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      lastByteAt = performance.now();
      if (chunks.length === 0 && chunk.equals(PAPER_STATUS_REQUEST)) {
        if (this.options.paperStatusByte !== undefined)
          socket.end(Buffer.of(this.options.paperStatusByte));
        return;
      }
      chunks.push(chunk);
    });
    socket.on('end', () => {
      if (chunks.length === 0) this.probes += 1;
      else this.#record({ bytes: Buffer.concat(chunks), lastByteAt });
      if (!this.options.isStuck) socket.end();
    });
  }

  #record(job: ReceivedJob): void {
    this.jobs.push(job);
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }
}
