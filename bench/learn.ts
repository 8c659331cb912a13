// bench/learn: `inscope learn` on 100,000 generated Zendesk tickets (1–3 KB, nl and en, the Category
// field set: a defect is a Call; time logged on every one) and 200 contracts, beside `inscope
// simulate` on the same files in the same run, and the hour estimator it trains: the model file's
// size and the time of one lookup. Targets (issue 12): training on 100,000 tickets under a minute
// and under 500 MB, a model file under 20 MB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileOptions, loadConfig } from '../connectors/config/load-config.js';
import { compileHourEstimator } from '../rules/hour-estimator.js';
import { createRandom, generateContracts, generateTicket, TIME_SPENT_FIELD } from './generate-tickets.js';
import { buildCli, runChild, writeBenchConfig } from './simulate.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const PAGE = 1000;
const ORGANIZATIONS = 200;
const root = path.join(import.meta.dirname, '..');

const LOOKUPS = 10_000;

/** Loads the model through a config's `model:` as the service does, then times estimates for new tickets. */
async function measureLookups(dir: string, configFile: string, random: () => number) {
  const withModel = path.join(dir, 'with-model.json');
  fs.writeFileSync(withModel, JSON.stringify({ ...JSON.parse(fs.readFileSync(configFile, 'utf8')), model: 'model.json' }));
  const t0 = performance.now();
  const loaded = await loadConfig(withModel);
  const options = compileOptions(loaded);
  const estimator = options.hourEstimator;
  if (estimator === undefined) throw new Error('the model has no hour estimator');
  const find = compileHourEstimator(estimator.model, [], estimator);
  const loadMs = performance.now() - t0;
  const queries = Array.from({ length: LOOKUPS }, (_, i) => generateTicket(TICKETS + i, random, ORGANIZATIONS));
  const products = ['finance', 'payroll', 'planner', 'connect'];
  const times: number[] = [];
  let learned = 0;
  queries.forEach((q, i) => {
    const t = performance.now();
    const e = find(products[i % 4] as string, i % 2 === 0 ? 'how-to' : 'own-implementation', q.subject, q.description, 3);
    times.push((performance.now() - t) * 1000);
    if (e.source === 'learned') learned++;
  });
  times.sort((a, b) => a - b);
  const groups = estimator.model.groups;
  return {
    loadMs, learned, groups: groups.length, requests: groups.reduce((sum, g) => sum + g.ends.length, 0),
    microseconds: times[times.length >> 1] as number, p99: times[Math.floor(times.length * 0.99)] as number,
  };
}

export async function benchLearn(): Promise<{ learnCpuMs: number; maxRssMB: number; ratio: number }> {
  buildCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-bench-learn-'));
  try {
    const random = createRandom(7);
    const configFile = await writeBenchConfig(dir, generateContracts(ORGANIZATIONS, random));
    const benchConfig = JSON.parse(fs.readFileSync(configFile, 'utf8')) as { helpdesks: { zendesk: { fields: Record<string, number> } }; proposals: Record<string, unknown> };
    benchConfig.helpdesks.zendesk.fields['timeSpent'] = TIME_SPENT_FIELD;
    benchConfig.proposals['timeSpentField'] = 'timeSpent';
    fs.writeFileSync(configFile, JSON.stringify(benchConfig, null, 2));
    const ticketDir = path.join(dir, 'tickets');
    fs.mkdirSync(ticketDir);
    for (let start = 0; start < TICKETS; start += PAGE) {
      const tickets = Array.from({ length: Math.min(PAGE, TICKETS - start) }, (_, i) => generateTicket(start + i, random, ORGANIZATIONS, undefined, true));
      const last = start + PAGE >= TICKETS;
      fs.writeFileSync(path.join(ticketDir, `page-${String(start / PAGE).padStart(4, '0')}.json`), JSON.stringify({ tickets, after_cursor: last ? null : `cursor-${start}`, before_cursor: null, end_of_stream: last }));
    }
    const cli = path.join(root, 'connectors', 'cli', 'inscope.js');
    const simulate = runChild([cli, 'simulate', '--config', configFile, '--tickets', ticketDir, '--format', 'json', '--out', path.join(dir, 'rows.jsonl')]);
    const modelFile = path.join(dir, 'model.json');
    const learn = runChild([cli, 'learn', '--config', configFile, '--tickets', ticketDir, '--out', modelFile]);
    const model = JSON.parse(fs.readFileSync(modelFile, 'utf8')) as { trainedOn: string; weights: object };
    const ratio = learn.cpuMs / simulate.cpuMs;
    const megabytes = fs.statSync(modelFile).size / 1e6;
    console.log(`bench/learn: ${TICKETS.toLocaleString('en')} tickets, ${ORGANIZATIONS} contracts; model of ${Object.keys(model.weights).length} features, ${megabytes.toFixed(2)} MB, trained on ${model.trainedOn.replace(/ of .*/, '')}`);
    const lookup = await measureLookups(dir, configFile, random);
    const line = (name: string, r: { cpuMs: number; wallMs: number; maxRssMB: number }) =>
      `  ${name.padEnd(24)}${(r.cpuMs / 1000).toFixed(2)} s CPU (${(r.wallMs / 1000).toFixed(2)} s wall), peak ${r.maxRssMB.toFixed(0)} MB`;
    console.log(line('inscope simulate', simulate));
    console.log(line('inscope learn (5 folds)', learn));
    console.log(`  learn / simulate (CPU)  ${ratio.toFixed(2)}; learn under a minute ${learn.wallMs < 60_000 ? 'MET' : 'NOT MET'}, under 500 MB ${learn.maxRssMB < 500 ? 'MET' : 'NOT MET'}`);
    console.log(`  hour estimator          ${lookup.requests.toLocaleString('en')} requests in ${lookup.groups} groups; model file under 20 MB ${megabytes < 20 ? 'MET' : 'NOT MET'}; `
      + `loading ${lookup.loadMs.toFixed(0)} ms; one lookup ${lookup.microseconds.toFixed(1)} µs (median of ${LOOKUPS.toLocaleString('en')}, p99 ${lookup.p99.toFixed(1)} µs), ${lookup.learned} of them learned`);
    return { learnCpuMs: learn.cpuMs, maxRssMB: learn.maxRssMB, ratio };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchLearn();
