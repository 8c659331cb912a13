// bench/intake: signed Zendesk deliveries into InScope's webhook intake (signature check, parse,
// durable store with synchronous=FULL and group commit, 202 only once on disk), against a bare
// Express handler that reads the body and answers 200, in the same run on loopback. Each request is
// signed afresh with its own invocation and event id. Workers do not run: this measures the intake.
// Prints both throughputs and their ratio (target ≥ 50 %), then p99 latency at a fixed 1,000 req/s
// (target < 25 ms). Both servers run as child processes so the load generator has its own core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { answered2xx as ok, failures, loadSignedDeliveries as load, measureWithCpu, type LoadOptions, type Measured } from './load-signed-deliveries.js';
import { startBareServer, startInscopeServer, type BenchServer } from './start-bench-server.js';

const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 10);
const CONNECTIONS = 50;
const FIXED_RATE = 1_000;

async function measure(server: BenchServer, options: LoadOptions): Promise<Measured> {
  return measureWithCpu([server], () => load(server.url, options));
}

export async function benchIntake(): Promise<{ inscopeRps: number; bareRps: number; ratio: number; cpuRatio: number; p99Ms: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-bench-intake-'));
  const databaseFile = path.join(dir, 'inscope.db');
  const bare = await startBareServer();
  const inscope = await startInscopeServer(databaseFile);
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchIntake();
