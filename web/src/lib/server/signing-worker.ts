import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JWK } from 'jose';

/**
 * The worker's whole program, run with `eval` so that the built server needs no separate file:
 * it holds the private key and signs what it is sent, in order.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createPrivateKey, sign } = require('node:crypto');
const key = createPrivateKey({ key: workerData.jwk, format: 'jwk' });
parentPort.on('message', ({ id, inputs }) => {
  try {
    const signatures = inputs.map((input) => sign(null, input, key));
    parentPort.postMessage({ id, signatures });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

/** Requests sent together once this many are waiting (else at the next turn of the loop). */
const FLUSH_AT = 16;

interface Pending {
  resolve: (signature: Uint8Array) => void;
  reject: (error: Error) => void;
}

/**
 * Ed25519 signing on a worker thread. `crypto.sign` costs about 60 µs of the main thread per
 * signature even with a callback (measured on Node 20: the async form does not leave the main
 * thread); two per document made signing a quarter of a push. Here the main thread only posts
 * the inputs, a few at a time, and goes on applying the next commands while the other core
 * signs (up to two workers, taking turns: at the end of a batch, when the main thread only
 * waits, both cores sign). A worker is created on first use and again after a crash, and holds
 * the process open only while signatures are awaited.
 *
 * @example
 * const signer = workerSigner(privateJwk);
 * const signature = await signer(new TextEncoder().encode('header.payload'));
 */
export function workerSigner(
  jwk: JWK,
  workerCount = Math.min(2, availableParallelism()),
): (input: Uint8Array) => Promise<Uint8Array> {
  const slots = Array.from({ length: Math.max(1, workerCount) }, () => signingSlot(jwk));
  let next = 0;
  let queued: { input: Uint8Array; pending: Pending }[] = [];
  let isFlushScheduled = false;

  function flush(): void {
    isFlushScheduled = false;
    if (queued.length === 0) return;
    const batch = queued;
    queued = [];
    // Round robin: while the batch's last commands are applied, every core can sign.
    const slot = slots[next % slots.length];
    next += 1;
    slot?.post(batch);
  }

  return (input) =>
    new Promise<Uint8Array>((resolve, reject) => {
      queued.push({ input, pending: { resolve, reject } });
      if (queued.length >= FLUSH_AT) flush();
      else if (!isFlushScheduled) {
        isFlushScheduled = true;
        setImmediate(flush);
      }
    });
}

/** One signing thread: created on first use and again after a crash. */
function signingSlot(jwk: JWK): {
  post: (batch: { input: Uint8Array; pending: Pending }[]) => void;
} {
  let worker: Worker | undefined;
  let nextId = 0;
  const inFlight = new Map<number, Pending[]>();

  function failAll(error: Error): void {
    for (const batch of inFlight.values()) for (const pending of batch) pending.reject(error);
    inFlight.clear();
    worker = undefined;
  }

  function started(): Worker {
    if (worker) return worker;
    const created = new Worker(WORKER_SOURCE, { eval: true, workerData: { jwk } });
    created.on('message', (message: { id: number; signatures?: Uint8Array[]; error?: string }) => {
      const batch = inFlight.get(message.id);
      inFlight.delete(message.id);
      if (inFlight.size === 0) created.unref();
      batch?.forEach((pending, index) => {
        const signature = message.signatures?.[index];
        if (signature) pending.resolve(new Uint8Array(signature));
        else pending.reject(new Error(message.error ?? 'signing worker answered no signature'));
      });
    });
    created.on('error', (error) => failAll(error));
    created.on('exit', (code) => {
      if (worker === created) failAll(new Error(`signing worker exited (${String(code)})`));
    });
    created.unref();
    worker = created;
    return created;
  }

  return {
    post(batch) {
      const id = nextId++;
      inFlight.set(
        id,
        batch.map((entry) => entry.pending),
      );
      const target = started();
      target.ref();
      target.postMessage({ id, inputs: batch.map((entry) => entry.input) });
    },
  };
}
