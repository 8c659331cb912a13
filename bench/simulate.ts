// bench/simulate: 100,000 generated Zendesk tickets (1–3 KB, nl and en) in incremental-export pages
// and 200 contracts. Prints simulate's tickets per second and peak memory, and the ratio of its time
// to merely reading and JSON.parse-ing the same files. Targets: ratio ≤ 1.5, peak memory < 200 MB.
// Then, in this process, what the rules engine alone costs on the same tickets (read, parse and map
// each ticket, then triage it, minus the same without triage): the floor no simulate can go under,
// and how much simulate spends above it (rows, summary, output).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../connectors/config/load-config.js';
import { readTickets } from '../connectors/input/read-tickets.js';
import { compileRules, type ContractDefinition } from '../rules/index.js';
import { createRandom, generateContracts, generateTicket } from './generate-tickets.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const PAGE = 1000;
const ORGANIZATIONS = 200;
const root = path.join(import.meta.dirname, '..');

/**
 * examples/coverage.yaml with the generated contracts, as a config file in `dir`. The loaded config
 * is the schema's output (completeness split into rules and completenessMode): written back, it is
 * put into the file's shape, or the loader refuses completenessMode as an unknown key.
 */
export async function writeBenchConfig(dir: string, contracts: readonly ContractDefinition[]): Promise<string> {
  const { completeness, completenessMode, ...config } = (await loadConfig(path.join(root, 'examples', 'coverage.yaml'))).config;
  const file = path.join(dir, 'coverage.json');
  fs.writeFileSync(file, JSON.stringify({ ...config, completeness: { mode: completenessMode, rules: completeness }, contracts }, null, 2));
  return file;
}

export function runChild(args: string[]): { maxRssMB: number; cpuMs: number; wallMs: number } {
  const usageFile = path.join(os.tmpdir(), `inscope-usage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const t0 = performance.now();
  const result = spawnSync(process.execPath, ['--import', path.join(root, 'bench', 'report-usage.js'), ...args], {
    cwd: root,
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const wallMs = performance.now() - t0;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8')) as { maxRssMB: number; cpuMs: number };
  fs.rmSync(usageFile);
  return { maxRssMB: usage.maxRssMB, cpuMs: usage.cpuMs, wallMs };
}

/**
 * CPU of reading every ticket as simulate reads it (file, JSON.parse, mapping to the domain), and of
 * the same plus triage (reading is the best of two passes; the engine warms up within its first pages).
 */
async function measureEngineFloor(configFile: string, ticketDir: string): Promise<{ readMs: number; triageMs: number }> {
  const loaded = await loadConfig(configFile);
  const engine = compileRules(loaded.config, { configHash: loaded.hash });
  const pass = async (triage: boolean): Promise<number> => {
    const before = process.cpuUsage();
    let outcomes = 0;
    for await (const record of readTickets(ticketDir, { helpdesks: loaded.config.helpdesks })) {
      if ('kind' in record) throw new Error(`bench: ${record.message}`);
      if (triage) outcomes += engine.triage(record.item).outcome.length;
    }
    const used = process.cpuUsage(before);
    if (triage && outcomes === 0) throw new Error('bench: no verdicts');
    return (used.user + used.system) / 1000;
  };
  const readMs = Math.min(await pass(false), await pass(false));
  const triageMs = await pass(true);
  return { readMs, triageMs };
}

/**
 * `inscope` runs dist/node/ when it is at least as new as every source, else the TypeScript through
 * tsx's loader thread, which adds about 70 MB to the peak memory measured here (and its start-up
 * to the CPU). After any edit the build is stale, so the bench builds it first, as `npm ci` does.
 */
export function buildCli(): void {
  const result = spawnSync(process.execPath, [path.join(root, 'connectors', 'cli', 'build-node.js')], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`connectors/cli/build-node.js exited ${result.status}: ${result.stderr}`);
}

export async function benchSimulate(): Promise<{ ticketsPerSecond: number; maxRssMB: number; ratio: number }> {
  buildCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-bench-'));
  try {
    const random = createRandom(7);
    const configFile = await writeBenchConfig(dir, generateContracts(ORGANIZATIONS, random));
    const ticketDir = path.join(dir, 'tickets');
    fs.mkdirSync(ticketDir);
    let bytes = 0;
    for (let start = 0; start < TICKETS; start += PAGE) {
      const tickets = Array.from({ length: Math.min(PAGE, TICKETS - start) }, (_, i) => generateTicket(start + i, random, ORGANIZATIONS));
      const last = start + PAGE >= TICKETS;
      const body = JSON.stringify({ tickets, after_cursor: last ? null : `cursor-${start}`, before_cursor: null, end_of_stream: last });
      bytes += body.length;
      fs.writeFileSync(path.join(ticketDir, `page-${String(start / PAGE).padStart(4, '0')}.json`), body);
    }

    const baseline = runChild([path.join(root, 'bench', 'parse-only.js'), ticketDir]);
    const simulate = runChild([path.join(root, 'connectors', 'cli', 'inscope.js'), 'simulate', '--config', configFile, '--tickets', ticketDir, '--format', 'json', '--out', path.join(dir, 'rows.jsonl')]);
    const rows = fs.readFileSync(path.join(dir, 'rows.jsonl'), 'utf8').split('\n').filter(Boolean).length;
    const ratio = simulate.cpuMs / baseline.cpuMs;
    const ticketsPerSecond = (TICKETS / simulate.cpuMs) * 1000;
    console.log(`bench/simulate: ${TICKETS.toLocaleString('en')} tickets (${(bytes / 1e6).toFixed(0)} MB of JSON in ${Math.ceil(TICKETS / PAGE)} pages), ${ORGANIZATIONS} contracts; ${rows.toLocaleString('en')} rows written`);
    const line = (name: string, r: { cpuMs: number; wallMs: number; maxRssMB: number }) =>
      `  ${name.padEnd(24)}${(r.cpuMs / 1000).toFixed(2)} s CPU (${(r.wallMs / 1000).toFixed(2)} s wall), peak ${r.maxRssMB.toFixed(0)} MB`;
    console.log(line('read + JSON.parse only', baseline));
    console.log(`${line('inscope simulate', simulate)}, ${Math.round(ticketsPerSecond).toLocaleString('en')} tickets per CPU second`);
    console.log(`  ratio (CPU time)        ${ratio.toFixed(2)}  (target ≤ 1.5) ${ratio <= 1.5 ? 'MET' : 'NOT MET'}; peak memory target < 200 MB ${simulate.maxRssMB < 200 ? 'MET' : 'NOT MET'}`);
    const floor = await measureEngineFloor(configFile, ticketDir);
    const perTicket = (ms: number) => `${((ms * 1000) / TICKETS).toFixed(1)} µs`;
    const engineMs = floor.triageMs - floor.readMs;
    const parseMs = baseline.cpuMs;
    console.log(
      `  per ticket: read + JSON.parse ${perTicket(parseMs)} (child); the engine alone ${perTicket(engineMs)} (triage only, in this process); simulate ${perTicket(simulate.cpuMs)}`,
    );
    console.log(
      `  floor (read + parse + engine) / read + parse: ${((parseMs + engineMs) / parseMs).toFixed(2)}: the ratio simulate cannot go under with this engine; simulate above that floor: ${perTicket(simulate.cpuMs - parseMs - engineMs)} per ticket (${(((simulate.cpuMs - parseMs - engineMs) / simulate.cpuMs) * 100).toFixed(0)} % of its CPU)`,
    );
    return { ticketsPerSecond, maxRssMB: simulate.maxRssMB, ratio };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSimulate();
