/**
 * Commands validated per second through `commandSchema`, for a realistic ATAC (two co-owners)
 * and a realistic registration on hold (buyer, seller, trade-in), next to a floor measured in
 * the same run: `JSON.parse` of the same body, which every request pays anyway.
 * Prints one `BENCH {...}` line per figure (see the root bench runner).
 */
import { commandSchema } from '../src/commands/command.schema.js';
import { aCommand, anAtacPayload, aRegistrationPayload } from '../src/testing/factories.js';

const WARMUP_MS = 500;
const ROUND_MS = 600;
const ROUNDS = 5;

/** Runs `work` repeatedly for about `durationMs` and returns calls per second. */
function rate(work: () => void, durationMs: number): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < 100; i += 1) work();
    calls += 100;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Measures `figure` and `floor` in alternating short rounds and keeps each median, so that
 * other processes on the shared cores slow both sides alike instead of skewing the ratio.
 */
function interleaved(figure: () => void, floor: () => void): { figure: number; floor: number } {
  const figures: number[] = [];
  const floors: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    floors.push(rate(floor, ROUND_MS));
    figures.push(rate(figure, ROUND_MS));
  }
  return { figure: median(figures), floor: median(floors) };
}

function report(name: string, figure: number, baseline: number, note: string): void {
  const line = {
    name,
    figure: Math.round(figure),
    unit: 'cmd/s',
    baseline: Math.round(baseline),
    baselineName: 'JSON.parse of the same body',
    note,
  };
  console.log(`BENCH ${JSON.stringify(line)}`);
}

const cases = [
  {
    name: 'validate atac.create command',
    body: JSON.stringify(aCommand('atac.create', anAtacPayload())),
  },
  {
    name: 'validate registration.hold command',
    body: JSON.stringify(aCommand('registration.hold', aRegistrationPayload())),
  },
];

let sink = 0;
for (const { name, body } of cases) {
  // Check the body really is valid: a benchmark of a failing parse would measure the wrong path.
  commandSchema.parse(JSON.parse(body));
  const parseOnly = (): void => {
    sink += JSON.parse(body) === null ? 1 : 0;
  };
  const validate = (): void => {
    sink += commandSchema.safeParse(JSON.parse(body)).success ? 1 : 0;
  };
  rate(validate, WARMUP_MS);
  rate(parseOnly, WARMUP_MS);
  const { figure, floor } = interleaved(validate, parseOnly);
  report(
    name,
    figure,
    floor,
    `JSON.parse + commandSchema.safeParse, ${String(body.length)}-byte body, single thread, median of 5 interleaved rounds`,
  );
}
if (sink < 0) console.error(sink);
