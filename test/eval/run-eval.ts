// `npm run eval`: right / wrong / review per outcome, kind and language, and the confusion matrix,
// for the starter config that `inscope init` writes, for examples/coverage.yaml and for a config an
// administrator wrote from the docs alone (test/eval/configs/admin-from-docs.yaml), on the
// development part and the held-out test part, both in corpus/.
//
//   npm run eval                      figures for every config and part
//   npm run eval -- --config FILE     also (or only, with --only) this config
//   npm run eval -- --show wrong      list the development part's wrong and review verdicts
//
// The test part's tickets are never listed: tuning on them would make its figures meaningless.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compileRules, type Engine } from '../../rules/index.js';
import { loadConfig } from '../../connectors/config/load-config.js';
import type { HelpdeskMappings } from '../../connectors/input/read-tickets.js';
import { corpusFiles, evaluateCorpus, share, type Evaluation, type Tally } from './evaluate-corpus.js';
import { starterConfig } from './starter-config.js';
import { FOLDS, exampleProductNames, labelledTexts, trainOn } from './kind-model-training.js';
import { productSkipWords, type KindModel } from '../../rules/kind-model.js';

const root = path.resolve(import.meta.dirname, '../..');
const own = path.join(root, 'test/eval/corpus');

export const PARTS = {
  dev: () => corpusFiles(own, 'dev-'),
  test: () => corpusFiles(own, 'test-'),
} as const;

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
  for (const file of only ? extra : [...shipped, ...extra]) {
    const loaded = await loadConfig(file);
    configs.push({
      name: path.relative(root, file), engine: compileRules(loaded.config, { configHash: loaded.hash }), helpdesks,
      withModel: (kindModel) => compileRules(loaded.config, { configHash: loaded.hash, kindModel }),
    });
  }
  return configs;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { config: { type: 'string', multiple: true }, only: { type: 'boolean' }, show: { type: 'string' }, part: { type: 'string' } },
  });
  const parts = values.part === undefined ? (['dev', 'test'] as const) : [values.part as keyof typeof PARTS];
  for (const config of await evalConfigs(values.config ?? [], values.only ?? false)) {
    for (const part of parts) {
      const files = PARTS[part]();
      if (files.length === 0) continue;
      const e = await evaluateCorpus(files, part === 'dev' ? await crossFittedEngines(config, files) : config.engine, config.helpdesks);
      const how = part === 'dev' ? '; learned model cross-fitted, 5 folds' : '';
      process.stdout.write(`${report(`${config.name} — ${part} part (${files.map((f) => path.basename(f)).join(', ')}${how})`, e)}\n\n`);
      if (part === 'dev' && values.show !== undefined) {
        for (const g of e.graded.filter((x) => values.show === 'all' || x.grade === values.show || (values.show === 'wrong' && x.grade === 'review'))) {
          process.stdout.write(`  ${g.grade.padEnd(6)} ${g.file}#${g.id} label ${g.label.outcome}/${g.label.kind}${g.label.missing.length ? ` [${g.label.missing.join(',')}]` : ''} → ${g.verdict.outcome} by ${g.verdict.rule ?? '-'}`
            + `${g.verdict.missing.length ? ` [${g.verdict.missing.map((m) => m.id).join(',')}]` : ''} kind ${g.verdict.facts.kind?.value ?? '-'} (${g.language})\n      ${g.label.why}\n`);
        }
      }
    }
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
