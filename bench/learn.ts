// bench/learn: `inscope learn` on 100,000 generated Zendesk tickets (1–3 KB, nl and en, the Category
// field set: a defect is a Call) and 200 contracts, beside `inscope simulate` on the same files in
// the same run. Targets (issue 12): training on 100,000 tickets under a minute and under 500 MB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRandom, generateContracts, generateTicket } from './generate-tickets.js';
import { runChild, writeBenchConfig } from './simulate.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const PAGE = 1000;
const ORGANIZATIONS = 200;
const root = path.join(import.meta.dirname, '..');

export async function benchLearn(): Promise<{ learnCpuMs: number; maxRssMB: number; ratio: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-bench-learn-'));
  try {
    const random = createRandom(7);
    const configFile = await writeBenchConfig(dir, generateContracts(ORGANIZATIONS, random));
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
    console.log(`bench/learn: ${TICKETS.toLocaleString('en')} tickets, ${ORGANIZATIONS} contracts; model of ${Object.keys(model.weights).length} features, ${(fs.statSync(modelFile).size / 1e6).toFixed(2)} MB, trained on ${model.trainedOn.replace(/ of .*/, '')}`);
    const line = (name: string, r: { cpuMs: number; wallMs: number; maxRssMB: number }) =>
      `  ${name.padEnd(24)}${(r.cpuMs / 1000).toFixed(2)} s CPU (${(r.wallMs / 1000).toFixed(2)} s wall), peak ${r.maxRssMB.toFixed(0)} MB`;
    console.log(line('inscope simulate', simulate));
    console.log(line('inscope learn (5 folds)', learn));
    console.log(`  learn / simulate (CPU)  ${ratio.toFixed(2)}; learn under a minute ${learn.wallMs < 60_000 ? 'MET' : 'NOT MET'}, under 500 MB ${learn.maxRssMB < 500 ? 'MET' : 'NOT MET'}`);
    return { learnCpuMs: learn.cpuMs, maxRssMB: learn.maxRssMB, ratio };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchLearn();
