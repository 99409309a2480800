import { finalPrintJobStates, type PrintJob, type PrintJobState } from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import { followJob, type FollowJobOptions } from './follow-job';

function job(state: PrintJobState): PrintJob {
  return {
    jobId: '0192f3a4-5b6c-7d8e-9f01-23456789abcd',
    state,
    reason: null,
    documentNumber: 'T-2026-000123',
    documentKind: 'transit',
    printer: 'laser-1',
    role: 'certificate',
    copies: 1,
    copiesSent: 0,
    mark: 'original',
    reprint: false,
    attempts: 0,
    createdAt: '2026-11-26T15:00:00.000Z',
    updatedAt: '2026-11-26T15:00:00.000Z',
  };
}

const isFinal = (state: PrintJobState) =>
  (finalPrintJobStates as readonly string[]).includes(state);

/**
 * A clock the twin agents move: a long-poll agent spends the time until its answer, an older
 * one answers at once; `sleep` moves it too and records the pauses the kiosk took.
 */
function clock(): FollowJobOptions & { slept: number[]; time: number } {
  const state = {
    time: 0,
    slept: [] as number[],
    waitSeconds: 20,
    forMs: 60_000,
    paceMs: 500,
    now: () => state.time,
    sleep: (ms: number) => {
      state.slept.push(ms);
      state.time += ms;
      return Promise.resolve();
    },
  };
  return state;
}

describe('followJob', () => {
  it('follows a long-poll agent without pausing: each answer is the next state', async () => {
    const options = clock();
    const states: PrintJobState[] = ['rendering', 'sending', 'printed'];
    const asked: unknown[] = [];
    const seen: PrintJobState[] = [];
    const last = await followJob(
      (wait) => {
        asked.push(wait);
        options.time += 40; // the agent answers when the state changes
        return Promise.resolve(job(states.shift() ?? 'printed'));
      },
      job('queued'),
      isFinal,
      (state) => seen.push(state),
      options,
    );
    expect(last.state).toBe('printed');
    expect(seen).toEqual(['rendering', 'sending', 'printed']);
    expect(asked).toEqual([
      { wait: 20, state: 'queued' },
      { wait: 20, state: 'rendering' },
      { wait: 20, state: 'sending' },
    ]);
    expect(options.slept).toEqual([]);
  });

  it('does not pause after a long poll that ran its course with nothing new', async () => {
    const options = clock();
    let asks = 0;
    const last = await followJob(
      (wait) => {
        asks += 1;
        options.time += wait.wait * 1000;
        return Promise.resolve(job(asks < 2 ? 'held' : 'printed'));
      },
      job('held'),
      isFinal,
      () => undefined,
      options,
    );
    expect(last.state).toBe('printed');
    expect(options.slept).toEqual([]);
  });

  it('paces an agent without the long poll (it answers at once) and stops after forMs', async () => {
    const options = clock();
    let asks = 0;
    const last = await followJob(
      () => {
        asks += 1;
        options.time += 5;
        return Promise.resolve(job('held'));
      },
      job('queued'),
      isFinal,
      () => undefined,
      options,
    );
    expect(last.state).toBe('held');
    // First answer changed the state (no pause), then one 500 ms pause per unchanged answer.
    expect(options.slept.every((ms) => ms === 500)).toBe(true);
    expect(asks).toBeGreaterThan(100);
    expect(asks).toBeLessThan(125);
    expect(options.time).toBeGreaterThanOrEqual(60_000);
  });

  it('never asks for a wait past the time left', async () => {
    const options = clock();
    options.forMs = 3_500;
    const asked: number[] = [];
    await followJob(
      (wait) => {
        asked.push(wait.wait);
        options.time += wait.wait * 1000;
        return Promise.resolve(job('queued'));
      },
      job('queued'),
      isFinal,
      () => undefined,
      options,
    );
    expect(asked).toEqual([4]);
  });
});
