// bench/load: signed Zendesk deliveries into one InScope instance and into three instances sharing
// one PostgreSQL schema, against a bare Express handler that reads the body and answers 200, in the
// same run on loopback. Prints throughput, p50/p99 and failures of each (three instances at the same
// connections as one, and at three times as many), the ratios three/one (target ≥ 2×), one/bare and
// three/bare, the servers' CPU per request three/one at the same connections (target ≤ 1.15×: what
// the group commit's adaptive wait is for) beside the same ratio for three bare handlers (what
// splitting the connections over three processes costs with no store at all) and split in two with
// one instance at a third of the connections (the callers each of the three has), then p99 at a
// fixed 500 req/s (target < 50 ms) on three and on one.
//
// What runs where, and why:
// - Every server is a child process running startService, what `inscope serve` runs (see
//   start-bench-server.ts). Workers are off: the targets are about intake (verify, parse, dedup,
//   durable write, 202). With workers on and no Zendesk credentials (shadow mode) they would triage
//   every delivery on the same cores as fast as those allow, which production never does: there
//   workers wait on the helpdesk's rate limit (ZENDESK_RATE_LIMIT, 400 a minute by default), a few
//   jobs a second against hundreds of deliveries a second here.
// - The three instances get their load without a proxy: one autocannon run with the three URLs,
//   connection i pinned to instance i mod 3 (an L4 balancer with keep-alive does the same). A
//   userspace round-robin such as test/faults/start-round-robin-proxy.ts is an HTTP server and an
//   HTTP client per request, at least a bare Express handler's work, on the same 2 cores: it would
//   take CPU from the instances it is meant to measure. One run also gives one latency histogram,
//   so p50/p99 are exact over all three.
// - The one-instance runs load the first of the three; the other two sit idle (no workers, no
//   polling) and cost nothing. All three stay up so the schema and the warm-up are the same.
// - The load generator, the Node processes and PostgreSQL share this machine's cores, and so does
//   whatever else runs on it: the load average and the machine's busy share are printed per run.
//   CPU per request (servers, PostgreSQL, generator) depends much less on that sharing than req/s.
//
// PostgreSQL: INSCOPE_TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test; a schema of
// this run's own, dropped afterwards. Durations: BENCH_LOAD_SECONDS (default 8) per run,
// BENCH_LOAD_WARM_SECONDS (2) every server at once, then BENCH_LOAD_GROUP_WARM_SECONDS (6) the three
// bare handlers and the three instances each as their measured runs load them; BENCH_LOAD_PAIRS (3)
// runs of one instance and of the three in turn; BENCH_LOAD_CONNECTIONS (48, a multiple of 3);
// BENCH_LOAD_RATE (500).
import type autocannon from 'autocannon';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { answered2xx, loadSignedDeliveries, measureWithCpu, type LoadOptions, type Measured } from './load-signed-deliveries.js';
import { startBareServer, startInscopeServer, type BenchServer } from './start-bench-server.js';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8);
const WARM_SECONDS = Number(process.env.BENCH_LOAD_WARM_SECONDS ?? 2);
const GROUP_WARM_SECONDS = Number(process.env.BENCH_LOAD_GROUP_WARM_SECONDS ?? 6);
const PAIRS = Number(process.env.BENCH_LOAD_PAIRS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 48);
const FIXED_RATE = Number(process.env.BENCH_LOAD_RATE ?? 500);
const SCALE_TARGET = 2;
const CPU_RATIO_TARGET = 1.15;
const P99_TARGET_MS = 50;
const INSTANCES = 3;

/**
 * CPU time of every process named postgres (the server's backends, WAL writer, checkpointer …) by
 * pid, from /proc/PID/stat fields 14 and 15 (utime, stime in clock ticks, proc(5)). On a shared
 * server that includes other clients' queries; empty where /proc is not there.
 */
function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks.set(Number(pid), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return ticks;
}

// USER_HZ is 100 on Linux for every architecture Node runs on (sysconf(_SC_CLK_TCK), proc(5)).
const TICK_MICROS = 10_000;

/** The share of all cores' time spent busy (anyone's work) while `run` ran. */
async function withMachineBusy<T>(run: () => Promise<T>): Promise<{ value: T; busy: number; postgresMicros: number }> {
  const sample = () => os.cpus().reduce((sum, cpu) => {
    const { idle, user, nice, sys, irq } = cpu.times;
    return { idle: sum.idle + idle, total: sum.total + idle + user + nice + sys + irq };
  }, { idle: 0, total: 0 });
  const before = sample();
  const postgresBefore = postgresTicks();
  const value = await run();
  const after = sample();
  // A backend that ended in between is not there to read (its share is lost); one that started in
  // between (a pool reconnecting after its idle timeout) counts whole: all its CPU fell in the run.
  let postgresTicksUsed = 0;
  for (const [pid, used] of postgresTicks()) {
    const before = postgresBefore.get(pid);
    postgresTicksUsed += before === undefined || used < before ? used : used - before;
  }
  return { value, busy: 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total), postgresMicros: postgresTicksUsed * TICK_MICROS };
}

interface Row extends Measured {
  readonly busy: number;
  /** This process's CPU per answered request: autocannon plus signing each delivery. */
  readonly generatorMicrosPerRequest: number;
  /** PostgreSQL's CPU (all its processes) per answered request. */
  readonly postgresMicrosPerRequest: number;
}

async function measure(servers: readonly BenchServer[], options: LoadOptions): Promise<Row> {
  const urls = servers.map((s) => s.url);
  const generatorBefore = process.cpuUsage();
  const { value, busy, postgresMicros } = await withMachineBusy(() => measureWithCpu(servers, () => loadSignedDeliveries(urls.length === 1 ? urls[0]! : urls, options)));
  const generator = process.cpuUsage(generatorBefore);
  const answered = Math.max(1, answered2xx(value.result));
  return { ...value, busy, generatorMicrosPerRequest: (generator.user + generator.system) / answered, postgresMicrosPerRequest: postgresMicros / answered };
}

const rps = (r: autocannon.Result) => r.requests.average;
const n = (x: number) => Math.round(x).toLocaleString('en');
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const verdict = (met: boolean) => (met ? 'PASS' : 'NOT MET');

function line(label: string, row: Row): string {
  const r = row.result;
  return [
    label.padEnd(32),
    `${n(rps(r))} req/s`.padStart(12),
    `p50 ${r.latency.p50} ms`.padStart(11),
    `p99 ${r.latency.p99} ms`.padStart(12),
    `  ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`,
    `  CPU/req: servers ${n(row.cpuMicrosPerRequest)} µs, PostgreSQL ${n(row.postgresMicrosPerRequest)} µs, load generator ${n(row.generatorMicrosPerRequest)} µs; machine ${(row.busy * 100).toFixed(0)} % busy`,
    row.deliveriesPerCommit > 0 ? `; ${row.deliveriesPerCommit.toFixed(1)} deliveries per commit` : '',
  ].join('');
}

/**
 * What the CPU per request allows on this machine's cores if nothing else ran and the deliveries
 * came from elsewhere (as Zendesk's do): each instance is one Node thread, so at most one core;
 * together with PostgreSQL they share all the cores.
 */
function cpuCeiling(row: Row, instances: number): number {
  // Each instance answers 1/instances of the requests at cpuMicrosPerRequest each.
  const cores = os.cpus().length;
  return Math.min((Math.min(instances, cores) * 1e6) / row.cpuMicrosPerRequest, (cores * 1e6) / (row.cpuMicrosPerRequest + row.postgresMicrosPerRequest));
}

async function createSchema(databaseUrl: string): Promise<{ url: string; schema: string; drop(): Promise<void>; count(table: string): Promise<number> }> {
  const schema = `inscope_bench_load_${crypto.randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  const url = new URL(databaseUrl);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    schema,
    async count(table) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}"."${table}"`);
      return rows[0]?.n ?? 0;
    },
    async drop() {
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function benchLoad(): Promise<{ scale: number; p99Ms: number; cpuThreeOne: number; bareCpuThreeOne: number } | null> {
  const configured = process.env.INSCOPE_TEST_DATABASE_URL?.trim();
  const databaseUrl = configured || 'postgres://postgres@127.0.0.1:5432/test';
  const target = new URL(databaseUrl);
  let database: Awaited<ReturnType<typeof createSchema>>;
  try {
    database = await createSchema(databaseUrl);
  } catch (error) {
    // A configured server must answer; without one, `npm run bench` still runs the other benches.
    if (configured) throw error;
    console.log(`bench/load skipped: no PostgreSQL answers at ${target.host}${target.pathname} and INSCOPE_TEST_DATABASE_URL is unset (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
  const loadBefore = loadAverage();
  const servers: BenchServer[] = [];
  try {
    // Started together: concurrent migrations on one schema are part of what instances must cope with.
    const started = await Promise.all([
      ...Array.from({ length: INSTANCES }, () => startBareServer()),
      ...Array.from({ length: INSTANCES }, () => startInscopeServer(database.url)),
    ]);
    servers.push(...started);
    const bares = started.slice(0, INSTANCES);
    const instances = started.slice(INSTANCES);
    const bare = bares[0]!;
    const one = [instances[0]!];
    const max = { seconds: SECONDS, connections: CONNECTIONS };
    const fixed = { ...max, overallRate: FIXED_RATE };

    // Warm-up (JIT, connection pools, PostgreSQL's pages) on every server at once.
    const warm = await Promise.all([...bares, ...instances].map((s) => loadSignedDeliveries(s.url, { seconds: WARM_SECONDS, connections: 6 })));
    // Then each group of three as its runs load it. The first of each group also runs alone; without
    // this the other two came to the three's first run with only the short warm-up above behind
    // them, and their JIT warm-up (V8 compiles on threads whose CPU the process is billed for)
    // counted as the three's: 302 µs per request against one's 216 (1.40x) in such a first run,
    // 214 against 199 (1.08x) in the next.
    const groupWarm = [
      await loadSignedDeliveries(bares.map((s) => s.url), { seconds: GROUP_WARM_SECONDS, connections: CONNECTIONS }),
      await loadSignedDeliveries(instances.map((s) => s.url), { seconds: GROUP_WARM_SECONDS, connections: CONNECTIONS }),
    ];
    const bareMax = await measure([bare], max);
    const bareThree = await measure(bares, max);
    // One instance and the three, measured in turn PAIRS times: on a shared machine one pair's CPU
    // ratio moved from 1.13 to 1.39 between neighbouring pairs. The pair with the median ratio is
    // the one printed and compared; every pair's ratio is printed too.
    const pairs: { readonly one: Row; readonly three: Row }[] = [];
    for (let i = 0; i < PAIRS; i++) pairs.push({ one: await measure(one, max), three: await measure(instances, max) });
    const pairRatio = (p: { readonly one: Row; readonly three: Row }) => p.three.cpuMicrosPerRequest / p.one.cpuMicrosPerRequest;
    const { one: oneRow, three: threeRow } = [...pairs].sort((a, b) => pairRatio(a) - pairRatio(b))[Math.floor(PAIRS / 2)]!;
    // One instance with a third of the connections has the callers each of the three has: the
    // batches and wake-ups of a smaller share, without a second process or a shared schema.
    const oneShare = await measure(one, { ...max, connections: CONNECTIONS / INSTANCES });
    // The same connections spread over three give each instance a third of the concurrency, so its
    // group commits are a third as large; three times as many give each as much as one had.
    const threeWide = await measure(instances, { ...max, connections: CONNECTIONS * INSTANCES });
    const oneFixed = await measure(one, fixed);
    const threeFixed = await measure(instances, fixed);

    const acknowledged = [...warm.slice(INSTANCES), groupWarm[1]!, ...pairs.flatMap((p) => [p.one.result, p.three.result]), oneShare.result, threeWide.result, oneFixed.result, threeFixed.result].reduce((sum, r) => sum + answered2xx(r), 0);
    const stored = await database.count('deliveries');
    // Throughput is the best the three reach at either concurrency; both are printed.
    const scale = Math.max(rps(threeRow.result), rps(threeWide.result)) / rps(oneRow.result);
    const p99Ms = threeFixed.result.latency.p99;
    const ratio = (a: Row, b: Row) => rps(a.result) / rps(b.result);

    console.log(
      `bench/load: signed ticket.created deliveries, PostgreSQL ${target.host}${target.pathname} (schema ${database.schema}), workers off, ${CONNECTIONS} connections, ${SECONDS} s per run, loopback`,
    );
    console.log(`  ${os.cpus().length} cores; load average ${loadBefore} before the run`);
    console.log(`  ${line('bare Express (read body, 200)', bareMax)}`);
    console.log(`  ${line(`${INSTANCES} bare Express`, bareThree)}`);
    console.log(`  ${line('one instance', oneRow)}`);
    console.log(`  ${line(`one instance, ${CONNECTIONS / INSTANCES} connections`, oneShare)}`);
    console.log(`  ${line(`${INSTANCES} instances (one schema)`, threeRow)}`);
    console.log(`  ${line(`${INSTANCES} instances, ${CONNECTIONS * INSTANCES} connections`, threeWide)}`);
    console.log(
      `  three/one ${ratio(threeRow, oneRow).toFixed(2)}× at ${CONNECTIONS} connections, ${ratio(threeWide, oneRow).toFixed(2)}× at ${CONNECTIONS * INSTANCES} (target ≥ ${SCALE_TARGET}×) ${verdict(scale >= SCALE_TARGET)};  one/bare ${(ratio(oneRow, bareMax) * 100).toFixed(0)} %;  three/bare ${(ratio(threeRow, bareMax) * 100).toFixed(0)} % / ${(ratio(threeWide, bareMax) * 100).toFixed(0)} %`,
    );
    // The group commit's job: three instances sharing the callers cost no more per request than one.
    const cpuRatio = (a: Row, b: Row) => a.cpuMicrosPerRequest / b.cpuMicrosPerRequest;
    const cpuThreeOne = cpuRatio(threeRow, oneRow);
    console.log(
      `  server CPU per request three/one ${cpuThreeOne.toFixed(2)}× at ${CONNECTIONS} connections, the median of ${PAIRS} pairs (${pairs.map((p) => pairRatio(p).toFixed(2)).join(', ')}) (target ≤ ${CPU_RATIO_TARGET}×) ${verdict(cpuThreeOne <= CPU_RATIO_TARGET)}; ${cpuRatio(threeWide, oneRow).toFixed(2)}× at ${CONNECTIONS * INSTANCES}; bare Express three/one ${cpuRatio(bareThree, bareMax).toFixed(2)}× at ${CONNECTIONS} (the split alone, no store)`,
    );
    // Split in two: what a third of the callers costs one instance, then what three processes on one schema add to that.
    console.log(
      `  of which: one instance at ${CONNECTIONS / INSTANCES} connections / at ${CONNECTIONS} ${cpuRatio(oneShare, oneRow).toFixed(2)}× (${oneShare.deliveriesPerCommit.toFixed(1)} vs ${oneRow.deliveriesPerCommit.toFixed(1)} deliveries per commit); three at ${CONNECTIONS} / one at ${CONNECTIONS / INSTANCES} ${cpuRatio(threeRow, oneShare).toFixed(2)}× (${threeRow.deliveriesPerCommit.toFixed(1)} vs ${oneShare.deliveriesPerCommit.toFixed(1)})`,
    );
    console.log(`  at a fixed ${n(FIXED_RATE)} req/s:`);
    console.log(`  ${line(`  ${INSTANCES} instances`, threeFixed)}`);
    console.log(`  ${line('  one instance', oneFixed)}`);
    console.log(
      `  p99 on ${INSTANCES} instances ${p99Ms} ms (target < ${P99_TARGET_MS} ms) ${verdict(p99Ms < P99_TARGET_MS)}; server CPU per request three/one ${cpuRatio(threeFixed, oneFixed).toFixed(2)}×`,
    );
    const oneCeiling = cpuCeiling(oneRow, 1);
    const threeCeiling = Math.max(cpuCeiling(threeRow, INSTANCES), cpuCeiling(threeWide, INSTANCES));
    console.log(
      `  CPU ceiling on ${os.cpus().length} otherwise idle cores, from the CPU per request above (servers + PostgreSQL, no load generator): one ${n(oneCeiling)} req/s, three ${n(threeCeiling)} req/s: three/one at most ${(threeCeiling / oneCeiling).toFixed(2)}×`,
    );
    console.log(
      `  store: ${n(stored)} deliveries in the schema, ${n(acknowledged)} answered 2xx before their run ended ${stored >= acknowledged ? '(every one stored; the rest were in flight at a run\'s end)' : '(FEWER STORED THAN ACKNOWLEDGED)'}`,
    );
    console.log(`  load average ${loadAverage()} after the run`);
    return { scale, p99Ms, cpuThreeOne, bareCpuThreeOne: cpuRatio(bareThree, bareMax) };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchLoad();
