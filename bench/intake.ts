// bench/intake: signed Zendesk deliveries into InScope's webhook intake (signature check, parse,
// durable store with synchronous=FULL and group commit, 202 only once on disk), against a bare
// Express handler that reads the body and answers 200, in the same run on loopback. Each request is
// signed afresh with its own invocation and event id. Workers do not run: this measures the intake.
// Prints both throughputs and their ratio (target ≥ 50 %), then p99 latency at a fixed 1,000 req/s
// (target < 25 ms). Both servers run as child processes so the load generator has its own core.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import express from 'express';
import { readSettings } from '../connectors/server/read-settings.js';
import { startService } from '../connectors/server/start-service.js';
import { signZendeskEventDelivery, type DeliveryTicket } from '../test/helpers/sign-zendesk-event-delivery.js';

const SECRET = 'whsec-bench-intake';
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 10);
const CONNECTIONS = 50;
const FIXED_RATE = 1_000;
const root = path.join(import.meta.dirname, '..');
const self = fileURLToPath(import.meta.url);

const TICKET: DeliveryTicket = {
  id: 0,
  subject: 'Foutmelding bij aanmaken verkoopfactuur',
  description:
    'Goedemorgen, sinds de update naar versie 10.2 krijgen we bij het aanmaken van een verkoopfactuur de foutmelding ERR-4102 Factuurnummer bestaat al. Dit gebeurt bij elke nieuwe factuur, ook als het nummer nog niet eerder is gebruikt. Wij hebben de computer al opnieuw opgestart en de cache geleegd.\n\nMet vriendelijke groet,\nAnouk Jansen',
  status: 'new',
  custom_status_id: 19000000101,
  priority: 'normal',
  type: 'incident',
  tags: ['finance', 'web_form'],
  organization_id: 9001,
  requester_id: 381001,
  created_at: '2026-10-05T07:42:10Z',
  updated_at: '2026-10-05T07:42:10Z',
  via: { channel: 'web' },
};

// ---- child processes: the two servers ----

async function serveInscope(databaseFile: string): Promise<void> {
  const settings = readSettings({
    PORT: '0',
    HOST: '127.0.0.1',
    INSCOPE_CONFIG: path.join(root, 'examples', 'coverage.yaml'),
    DATABASE_URL: databaseFile,
    ZENDESK_WEBHOOK_SECRET: SECRET,
  });
  const service = await startService({ settings, startWorkers: false });
  reportCpuOnRequest();
  process.stdout.write(`listening on ${service.url}\n`);
  process.once('SIGTERM', () => {
    void (async () => {
      const { deliveryCommits, deliveriesWritten } = service.store.metrics();
      const depth = await service.store.queueDepth();
      await service.close();
      process.stdout.write(`stats ${JSON.stringify({ deliveryCommits, deliveriesWritten, queued: depth.queued })}\n`);
      process.exit(0);
    })();
  });
}

/** The parent asks over IPC for the CPU time used so far, to compare cost per request independently of load. */
function reportCpuOnRequest(): void {
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  });
}

async function serveBare(): Promise<void> {
  reportCpuOnRequest();
  const app = express();
  app.post('/webhooks/zendesk', (req, res) => {
    req.on('data', () => {});
    req.on('end', () => res.status(200).json({ status: 'accepted' }));
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
  });
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => {
      process.stdout.write('stats {}\n');
      process.exit(0);
    });
  });
}

// ---- parent: the load ----

interface Child {
  readonly url: string;
  cpuMicros(): Promise<number>;
  stop(): Promise<Record<string, number>>;
}

function startChild(role: 'serve-inscope' | 'serve-bare', ...args: string[]): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', self, role, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code} before listening:\n${out}`)));
    const check = () => {
      const match = /listening on (\S+)\n/.exec(out);
      if (!match) return;
      child.stdout!.off('data', check);
      resolve({
        url: match[1]!,
        cpuMicros: () =>
          new Promise((done) => {
            child.once('message', (m: { cpuMicros: number }) => done(m.cpuMicros));
            child.send('cpu');
          }),
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done(JSON.parse(/stats (\{.*\})\n/.exec(out)?.[1] ?? '{}') as Record<string, number>));
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', check);
  });
}

let sequence = 0;

function load(url: string, options: { readonly seconds: number; readonly connections: number; readonly overallRate?: number }): Promise<autocannon.Result> {
  const run = `${process.pid}-${Date.now()}`;
  return autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate !== undefined && { overallRate: options.overallRate }),
    requests: [
      {
        method: 'POST',
        path: '/webhooks/zendesk',
        setupRequest: (request) => {
          sequence += 1;
          const delivery = signZendeskEventDelivery(
            { ...TICKET, id: 100_000 + sequence },
            { secret: SECRET, invocationId: `bench-${run}-${sequence}`, eventId: `evt-${run}-${sequence}` },
          );
          return { ...request, headers: delivery.headers, body: delivery.body };
        },
      },
    ],
  });
}

const ok = (r: autocannon.Result): number => r['2xx'];

interface Measured {
  readonly result: autocannon.Result;
  /** Server CPU (user + system) per answered request: what the handler costs, whatever else runs on the machine. */
  readonly cpuMicrosPerRequest: number;
}

async function measure(child: Child, options: Parameters<typeof load>[1]): Promise<Measured> {
  const before = await child.cpuMicros();
  const result = await load(child.url, options);
  const after = await child.cpuMicros();
  return { result, cpuMicrosPerRequest: (after - before) / Math.max(1, ok(result)) };
}
const failures = (r: autocannon.Result): string => `${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`;

export async function benchIntake(): Promise<{ inscopeRps: number; bareRps: number; ratio: number; cpuRatio: number; p99Ms: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-bench-intake-'));
  const databaseFile = path.join(dir, 'inscope.db');
  const bare = await startChild('serve-bare');
  const inscope = await startChild('serve-inscope', databaseFile);
  try {
    // Warm both up (JIT, SQLite pages) before measuring.
    const warm = await Promise.all([load(bare.url, { seconds: 2, connections: 10 }), load(inscope.url, { seconds: 2, connections: 10 })]);
    const bareMax = await measure(bare, { seconds: SECONDS, connections: CONNECTIONS });
    const inscopeMax = await measure(inscope, { seconds: SECONDS, connections: CONNECTIONS });
    const fixed = await load(inscope.url, { seconds: SECONDS, connections: CONNECTIONS, overallRate: FIXED_RATE });
    // The same fixed rate against the bare handler tells whether the machine itself keeps up.
    const bareFixed = await load(bare.url, { seconds: SECONDS, connections: CONNECTIONS, overallRate: FIXED_RATE });
    const bareRun = bareMax.result;
    const inscopeRun = inscopeMax.result;
    const cpuRatio = bareMax.cpuMicrosPerRequest / inscopeMax.cpuMicrosPerRequest;
    const stats = await inscope.stop();
    const stored = { deliveriesWritten: stats.deliveriesWritten ?? 0, deliveryCommits: stats.deliveryCommits ?? 0 };
    await bare.stop();

    const bareRps = bareRun.requests.average;
    const inscopeRps = inscopeRun.requests.average;
    const ratio = inscopeRps / bareRps;
    const p99Ms = fixed.latency.p99;
    const acknowledged = ok(warm[1]!) + ok(inscopeRun) + ok(fixed);
    console.log(`bench/intake: signed ticket.created deliveries, ${CONNECTIONS} connections, ${SECONDS} s per run, loopback, workers off`);
    console.log(`  bare Express (read body, 200)   ${Math.round(bareRps).toLocaleString('en')} req/s  p99 ${bareRun.latency.p99} ms  (${failures(bareRun)})`);
    console.log(`  InScope intake (verify, store)  ${Math.round(inscopeRps).toLocaleString('en')} req/s  p99 ${inscopeRun.latency.p99} ms  (${failures(inscopeRun)})`);
    console.log(`  ratio                           ${(ratio * 100).toFixed(0)} %  (target ≥ 50 %) ${ratio >= 0.5 ? 'MET' : 'NOT MET'}`);
    console.log(
      `  server CPU per request          bare ${Math.round(bareMax.cpuMicrosPerRequest)} µs, InScope ${Math.round(inscopeMax.cpuMicrosPerRequest)} µs: CPU-bound ratio ${(cpuRatio * 100).toFixed(0)} % (independent of other load on the machine)`,
    );
    console.log(
      `  at a fixed ${FIXED_RATE.toLocaleString('en')} req/s: ${Math.round(fixed.requests.average).toLocaleString('en')} req/s served, p50 ${fixed.latency.p50} ms, p99 ${p99Ms} ms  (target < 25 ms) ${p99Ms < 25 ? 'MET' : 'NOT MET'}  (${failures(fixed)})`,
    );
    console.log(`  bare Express at the same fixed rate: ${Math.round(bareFixed.requests.average).toLocaleString('en')} req/s served, p50 ${bareFixed.latency.p50} ms, p99 ${bareFixed.latency.p99} ms (what this machine allows)`);
    const perCommit = stored.deliveryCommits ? stored.deliveriesWritten / stored.deliveryCommits : 0;
    console.log(
      `  store: ${stored.deliveriesWritten.toLocaleString('en')} deliveries written in ${stored.deliveryCommits.toLocaleString('en')} fsynced commits (${perCommit.toFixed(1)} per commit); ${acknowledged.toLocaleString('en')} answered 2xx before their run ended ${stored.deliveriesWritten >= acknowledged ? '(every one on disk; the rest were in flight at a run\'s end)' : '(FEWER ON DISK THAN ACKNOWLEDGED)'}`,
    );
    return { inscopeRps, bareRps, ratio, cpuRatio, p99Ms };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const role = process.argv[2];
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (role === 'serve-inscope') await serveInscope(process.argv[3]!);
  else if (role === 'serve-bare') await serveBare();
  else await benchIntake();
}
