// The servers the intake benches load, each in a child process of its own so the load generator in
// the parent keeps its own thread: InScope's service (the same startService `inscope serve` runs,
// with workers off: the benches measure the intake) on any database URL, or a bare Express handler
// that reads the body and answers 200. The parent can ask a child for its CPU time over IPC.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import express from 'express';
import { readSettings } from '../connectors/server/read-settings.js';
import { startService } from '../connectors/server/start-service.js';

export const BENCH_SECRET = 'whsec-bench-intake';
const root = path.join(import.meta.dirname, '..');
const self = fileURLToPath(import.meta.url);

export interface ServerCounters {
  /** User + system CPU the child has used so far. */
  readonly cpuMicros: number;
  /** InScope only: the store's group commits and the deliveries they wrote so far. */
  readonly deliveryCommits?: number;
  readonly deliveriesWritten?: number;
}

export interface BenchServer {
  readonly url: string;
  counters(): Promise<ServerCounters>;
  /** SIGTERM; resolves with what the child reported on its way out (InScope: its store's group-commit counts). */
  stop(): Promise<Record<string, number>>;
}

/** `databaseUrl`: a SQLite file path or a postgres:// URL (with ?schema=). */
export function startInscopeServer(databaseUrl: string): Promise<BenchServer> {
  return startChild('serve-inscope', databaseUrl);
}

export function startBareServer(): Promise<BenchServer> {
  return startChild('serve-bare');
}

function startChild(role: 'serve-inscope' | 'serve-bare', ...args: string[]): Promise<BenchServer> {
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": Node refuses --cpu-prof in NODE_OPTIONS.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', self, role, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code} before listening:\n${out}`)));
    const check = () => {
      const match = /listening on (\S+)\n/.exec(out);
      if (!match) return;
      child.stdout!.off('data', check);
      const counters = (): Promise<ServerCounters> =>
        new Promise((done) => {
          child.once('message', (m: ServerCounters) => done(m));
          child.send('cpu');
        });
      resolve({
        url: match[1]!,
        counters,
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

// ---- in the child ----

async function serveInscope(databaseUrl: string): Promise<void> {
  const settings = readSettings({
    PORT: '0',
    HOST: '127.0.0.1',
    INSCOPE_CONFIG: path.join(root, 'examples', 'coverage.yaml'),
    DATABASE_URL: databaseUrl,
    ZENDESK_WEBHOOK_SECRET: BENCH_SECRET,
  });
  const service = await startService({ settings, startWorkers: false });
  reportCpuOnRequest(() => service.store.metrics());
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
function reportCpuOnRequest(storeCounters: () => Omit<ServerCounters, 'cpuMicros'> = () => ({})): void {
  process.on('message', (message) => {
    if (message !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    process.send?.({ ...storeCounters(), cpuMicros: user + system } satisfies ServerCounters);
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const role = process.argv[2];
  if (role === 'serve-inscope') await serveInscope(process.argv[3]!);
  else if (role === 'serve-bare') await serveBare();
  else throw new Error(`unknown role ${JSON.stringify(role)}: expected serve-inscope DATABASE_URL or serve-bare`);
}
