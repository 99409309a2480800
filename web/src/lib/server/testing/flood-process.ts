// A flood of anonymous, refused writes from one address, run as its own process so that the
// server under test and the kiosk measuring it do not share its event loop (as an attacker's
// machine would not).
//
//   node --import tsx flood-process.ts <origin> <requests per second> <address>
//
// Prints `ready` once the server answered its first request, then sends `rate` requests per
// second, in ticks of 10 ms, until it gets SIGTERM, and prints one JSON line: how many it sent
// and the statuses it got. Half are cross-site writes (a foreign
// `Origin`, a long and varying path: the audit's worst case), half anonymous same-origin pushes
// (401). `address` is sent as `X-Forwarded-For` (the server trusts its proxy in the test).
import { Agent, request } from 'node:http';

const [origin, rateText, address] = process.argv.slice(2);
const rate = Number(rateText);
if (!origin || !Number.isFinite(rate) || rate <= 0 || !address) {
  console.error('usage: flood-process.ts <origin> <rate> <address>');
  process.exit(2);
}

const statuses: Record<string, number> = {};
let sent = 0;
let inFlight = 0;
const TICK_MS = 10;
let started = 0;
let timer: NodeJS.Timeout | undefined;

// node:http with kept-alive sockets: fetch (undici) costs about a millisecond of CPU a request,
// and on a busy 2-core machine could not send 300 a second.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const target = new URL(origin);
const body = '{"ops":[]}';

function settle(status: string): void {
  statuses[status] = (statuses[status] ?? 0) + 1;
  inFlight -= 1;
}

function send(index: number): void {
  const isCrossSite = index % 2 === 0;
  const path = isCrossSite
    ? `/api/sync/push/${'x'.repeat(2_000)}-${String(index)}`
    : '/api/sync/push';
  inFlight += 1;
  const req = request(
    {
      agent,
      host: target.hostname,
      port: target.port,
      path,
      method: 'POST',
      headers: {
        origin: isCrossSite ? `https://attacker-${String(index % 50)}.example` : origin,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-forwarded-for': address,
      },
    },
    (response) => {
      response.resume();
      response.on('end', () => settle(String(response.statusCode)));
      response.on('error', () => settle('error'));
    },
  );
  req.on('error', () => settle('error'));
  req.end(body);
}

// Keeps the rate from the start instant (a late tick sends what it owes), never more than 1,000
// requests waiting for an answer (the flood must not just measure its own backlog).
function tick(): void {
  const owed = Math.floor(((Date.now() - started) / 1000) * rate) - sent;
  for (let i = 0; i < owed && inFlight < 1_000; i += 1) send(sent++);
}

// The first request opens the connection and warms the server's route: the rate starts after it.
void new Promise((resolve) => {
  const req = request(new URL('/api/health', origin), { agent }, (response) => {
    response.resume();
    response.on('end', resolve);
  });
  req.on('error', resolve);
  req.end();
}).then(() => {
  started = Date.now();
  timer = setInterval(tick, TICK_MS);
  console.log('ready');
});

process.on('SIGTERM', () => {
  clearInterval(timer);
  const seconds = (Date.now() - started) / 1000;
  console.log(JSON.stringify({ sent, seconds, statuses }));
  process.exit(0);
});
