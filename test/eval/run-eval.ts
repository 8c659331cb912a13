// `npm run eval`: right / wrong / review per outcome, kind and language, and the confusion matrix,
// for the starter config that `inscope init` writes, for examples/coverage.yaml and for a config an
// administrator wrote from the docs alone (test/eval/configs/admin-from-docs.yaml), on the
// development part and the held-out test part, both in corpus/.
//
//   npm run eval                      figures for every config and part
//   npm run eval -- --config FILE     also (or only, with --only) this config
//   npm run eval -- --show wrong      list the development part's wrong and review verdicts
//   npm run eval -- --world kroon     only that other world (test/eval/worlds/NAME); --world example
//                                     only the example world
//
// Another world (test/eval/worlds/NAME: its own vendor, products, contracts and tickets, and the
// configs its administrators wrote from the docs alone) measures what the example world cannot:
// whether the built-ins and the docs carry to a vendor whose words InScope was never tuned on.
// Its starter config is `inscope init` on the products.yaml and contracts.csv its administrator
// wrote; the built-in model never trains on its tickets, so no cross-fitting is needed there.
//
// The test part's tickets are never listed: tuning on them would make its figures meaningless.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compileRules, type Engine } from '../../rules/index.js';
import { loadConfig } from '../../connectors/config/load-config.js';
import type { HelpdeskMappings } from '../../connectors/input/read-tickets.js';
import { corpusFiles, evaluateCorpus, share, type Evaluation, type Tally } from './evaluate-corpus.js';
import fs from 'node:fs';
import { starterConfig, worldStarterConfig } from './starter-config.js';
import { FOLDS, exampleProductNames, labelledTexts, trainOn } from './kind-model-training.js';
import { productSkipWords, type KindModel } from '../../rules/kind-model.js';

const root = path.resolve(import.meta.dirname, '../..');
const own = path.join(root, 'test/eval/corpus');

export const PARTS = {
  dev: () => corpusFiles(own, 'dev-'),
  test: () => corpusFiles(own, 'test-'),
} as const;

const worldsRoot = path.join(root, 'test/eval/worlds');

/** The other worlds' names (test/eval/worlds/NAME), each with its own corpus and configs. */
export function worldNames(): string[] {
  if (!fs.existsSync(worldsRoot)) return [];
  return fs.readdirSync(worldsRoot, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

export function worldParts(name: string): { readonly dev: string[]; readonly test: string[] } {
  const dir = path.join(worldsRoot, name, 'corpus');
  return { dev: corpusFiles(dir, 'dev-'), test: corpusFiles(dir, 'test-') };
}

const pct = (t: Tally, g: keyof Tally) => `${(share(t, g) * 100).toFixed(1).padStart(5)} %`;
const n = (t: Tally) => t.right + t.wrong + t.review;
const line = (name: string, t: Tally) =>
  `  ${name.padEnd(20)} ${String(n(t)).padStart(4)}   right ${pct(t, 'right')}   wrong ${pct(t, 'wrong')}   review ${pct(t, 'review')}`;

function report(title: string, e: Evaluation): string {
  const out = [`${title}`, line('all', e.total)];
  for (const [k, t] of Object.entries(e.byLanguage).sort()) out.push(line(`language ${k}`, t));
  for (const [k, t] of Object.entries(e.byOutcome).sort()) out.push(line(`labelled ${k}`, t));
  for (const [k, t] of Object.entries(e.byKind).sort()) out.push(line(`kind ${k}`, t));
  const outcomes = ['covered', 'advisory', 'incomplete', 'review'];
  out.push(`  confusion (rows: label, columns: verdict)  ${outcomes.map((o) => o.padStart(11)).join('')}`);
  for (const label of ['covered', 'advisory', 'incomplete']) {
    const row = e.confusion[label] ?? {};
    out.push(`  ${label.padEnd(42)}${outcomes.map((o) => String(row[o] ?? 0).padStart(11)).join('')}`);
  }
  if (e.unlabelled.length > 0) out.push(`  unlabelled tickets skipped: ${e.unlabelled.join(', ')}`);
  return out.join('\n');
}

export interface EvalConfig {
  readonly name: string;
  readonly engine: Engine;
  readonly helpdesks: HelpdeskMappings;
  /** The engine with another learned model (trained without the tickets it will see). */
  readonly withModel: (model: KindModel) => Engine;
}

/**
 * The development part is what the built-in learned model trains on, so its figures there would
 * flatter it: each development ticket is decided by a model trained on the other four fifths
 * (the folds of train-builtin-model.ts), as if it were new.
 */
export async function crossFittedEngines(config: EvalConfig, files: readonly string[]): Promise<(index: number) => Engine> {
  const engines = (await foldModels(files, config.helpdesks)).map((model) => config.withModel(model));
  return (index) => engines[index % FOLDS] as Engine;
}

/** The fold models depend on the tickets alone, not the config: trained once for every config of a run. */
const trained = new Map<string, Promise<KindModel[]>>();
function foldModels(files: readonly string[], helpdesks: HelpdeskMappings): Promise<KindModel[]> {
  const key = files.join('\n');
  let models = trained.get(key);
  if (models === undefined) {
    models = labelledTexts(files, helpdesks).then((texts) => {
      const skip = productSkipWords(exampleProductNames());
      return Array.from({ length: FOLDS }, (_, fold) => trainOn(texts.filter((_, i) => i % FOLDS !== fold), skip, `fold ${fold}`));
    });
    trained.set(key, models);
  }
  return models;
}

/**
 * Reading tickets is the helpdesk adapter's work, set up once per deployment (which Jira field holds
 * JSM's Organizations): every config is read with the example deployment's mapping.
 */
async function readingMappings(): Promise<HelpdeskMappings> {
  return (await loadConfig(path.join(root, 'examples/coverage.yaml'))).config.helpdesks;
}

function fromLoaded(name: string, helpdesks: HelpdeskMappings, loaded: Awaited<ReturnType<typeof loadConfig>>): EvalConfig {
  return {
    name, engine: compileRules(loaded.config, { configHash: loaded.hash }), helpdesks,
    withModel: (kindModel) => compileRules(loaded.config, { configHash: loaded.hash, kindModel }),
  };
}

/** A world's starter config, then the configs its administrators wrote (configs/*.yaml). */
export async function worldConfigs(name: string): Promise<EvalConfig[]> {
  const helpdesks = await readingMappings();
  const dir = path.join(worldsRoot, name);
  const starter = worldStarterConfig(dir);
  const configs: EvalConfig[] = [fromLoaded(`starter config (inscope init, ${name})`, helpdesks, starter)];
  const configDir = path.join(dir, 'configs');
  for (const file of fs.readdirSync(configDir).filter((f) => f.endsWith('.yaml')).sort()) {
    const full = path.join(configDir, file);
    configs.push(fromLoaded(path.relative(root, full), helpdesks, await loadConfig(full)));
  }
  return configs;
}

export async function evalConfigs(extra: readonly string[], only: boolean): Promise<EvalConfig[]> {
  const helpdesks = await readingMappings();
  const configs: EvalConfig[] = [];
  if (!only) {
    const starter = starterConfig();
    configs.push({
      name: 'starter config (inscope init)', engine: compileRules(starter.config, { configHash: starter.hash }), helpdesks,
      withModel: (kindModel) => compileRules(starter.config, { configHash: starter.hash, kindModel }),
    });
  }
  const shipped = [path.join(root, 'examples/coverage.yaml'), path.join(root, 'test/eval/configs/admin-from-docs.yaml'), path.join(root, 'test/eval/configs/admin-from-docs-2.yaml')];
  for (const file of only ? extra : [...shipped, ...extra]) configs.push(fromLoaded(path.relative(root, file), helpdesks, await loadConfig(file)));
  return configs;
}

type ShowWhich = string | undefined;

function showGraded(e: Evaluation, show: ShowWhich): void {
  if (show === undefined) return;
  for (const g of e.graded.filter((x) => show === 'all' || x.grade === show || (show === 'wrong' && x.grade === 'review'))) {
    process.stdout.write(`  ${g.grade.padEnd(6)} ${g.file}#${g.id} label ${g.label.outcome}/${g.label.kind}${g.label.missing.length ? ` [${g.label.missing.join(',')}]` : ''} → ${g.verdict.outcome} by ${g.verdict.rule ?? '-'}`
      + `${g.verdict.missing.length ? ` [${g.verdict.missing.map((m) => m.id).join(',')}]` : ''} kind ${g.verdict.facts.kind?.value ?? '-'} (${g.language})\n      ${g.label.why}\n`);
  }
}

const names = (files: readonly string[]) => files.map((f) => path.basename(f)).join(', ');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { config: { type: 'string', multiple: true }, only: { type: 'boolean' }, show: { type: 'string' }, part: { type: 'string' }, world: { type: 'string' } },
  });
  const parts = values.part === undefined ? (['dev', 'test'] as const) : [values.part as keyof typeof PARTS];
  if (values.world === undefined || values.world === 'example') {
    for (const config of await evalConfigs(values.config ?? [], values.only ?? false)) {
      for (const part of parts) {
        const files = PARTS[part]();
        if (files.length === 0) continue;
        const e = await evaluateCorpus(files, part === 'dev' ? await crossFittedEngines(config, files) : config.engine, config.helpdesks);
        const how = part === 'dev' ? '; learned model cross-fitted, 5 folds' : '';
        process.stdout.write(`${report(`${config.name} — ${part} part (${names(files)}${how})`, e)}\n\n`);
        if (part === 'dev') showGraded(e, values.show);
      }
    }
  }
  for (const world of values.world === undefined ? worldNames() : values.world === 'example' ? [] : [values.world]) {
    for (const config of await worldConfigs(world)) {
      for (const part of parts) {
        const files = worldParts(world)[part];
        if (files.length === 0) continue;
        const e = await evaluateCorpus(files, config.engine, config.helpdesks);
        process.stdout.write(`${report(`world ${world}: ${config.name} — ${part} part (${names(files)})`, e)}\n\n`);
        if (part === 'dev') showGraded(e, values.show);
      }
    }
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
