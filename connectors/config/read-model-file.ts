// Reads the model file a config names with `model:` (written by `inscope learn`) and refuses one
// that is not exactly what was trained: the wrong version, a weight that is not a finite number, an
// hour estimator that cannot be decoded, or bias, weights and estimator that no longer match the
// hash (damaged, or edited by hand). Problems are ConfigIssues naming the model file, like every
// other config error. Version 1 files (no estimator) load as they always did.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { HourEstimator } from '../../rules/index.js';
import { readEstimator } from './read-estimator.js';
import { modelHash, type ModelFile } from '../learn/model-file.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import type { Locator } from './create-locator.js';
import { describeValue } from './describe-value.js';
import { checkJsonSyntax } from './read-config-document.js';

/** A model for 100,000 tickets is a few MB; far beyond that is not a model file. */
export const MAX_MODEL_BYTES = 64 * 1024 * 1024;
/** A file with thousands of bad weights needs one pass of fixing, not thousands of lines. */
const MAX_WEIGHT_ISSUES = 5;
const KEYS = ['version', 'trainedOn', 'hash', 'bias', 'weights', 'estimator'];

export interface LoadedModel {
  /** As the config names it. */
  readonly name: string;
  /** Resolved against the config file's folder. */
  readonly file: string;
  readonly model: ModelFile;
  /** The hour estimator, decoded, when the file has one (version 2). */
  readonly estimator?: HourEstimator;
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFinite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The line of `"key":` in the file (after `after`, if given): the files inscope learn writes put one key per line. */
export function lineOf(text: string, key: string, after = 0): { line: number; column: number } {
  const at = text.indexOf(`${JSON.stringify(key)}:`, after);
  if (at < 0) return { line: 1, column: 1 };
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

export function readModelFile(name: string, configFile: string, locate: Locator): LoadedModel {
  const file = path.resolve(path.dirname(configFile), name);
  const atConfig = (message: string): ConfigError => new ConfigError([{ file: configFile, ...locate(['model']), path: 'model', message }]);
  let text: string;
  try {
    const { size } = statSync(file);
    if (size > MAX_MODEL_BYTES) throw atConfig(`${file} is ${size} bytes: expected a model file of at most ${MAX_MODEL_BYTES} bytes`);
    text = readFileSync(file, 'utf8');
    if (text.startsWith('\uFEFF')) text = text.slice(1);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw atConfig(code === 'ENOENT' ? `the model file ${file} does not exist (write it with inscope learn)` : `cannot read the model file ${file}: ${(error as Error).message}`);
  }
  checkJsonSyntax(text, file);
  const data: unknown = JSON.parse(text);
  const issues: ConfigIssue[] = [];
  const add = (key: string, message: string, where = lineOf(text, key)) => issues.push({ file, ...where, path: key, message });
  if (!isMapping(data)) {
    throw new ConfigError([{ file, line: 1, column: 1, path: '', message: `expected a model file written by inscope learn (a mapping with ${KEYS.join(', ')}), got ${describeValue(data)}` }]);
  }
  for (const key of Object.keys(data)) if (!KEYS.includes(key)) add(key, `unknown key "${key}": expected one of ${KEYS.join(', ')}`);
  const version = data['version'];
  if (version !== 1 && version !== 2) add('version', `expected 1 (a kind model) or 2 (with an hour estimator), got ${describeValue(version)}`);
  let estimator: HourEstimator | undefined;
  if (version === 1 && data['estimator'] !== undefined) add('estimator', 'a version 1 model has no estimator: expected version 2 with it, or no estimator');
  if (version === 2) {
    const read = readEstimator(data['estimator'], text, add);
    if (read !== null) estimator = read;
  }
  if (typeof data['trainedOn'] !== 'string') add('trainedOn', `expected a text saying what the model was trained on, got ${describeValue(data['trainedOn'])}`);
  if (typeof data['hash'] !== 'string' || !/^[0-9a-f]{64}$/.test(data['hash'])) add('hash', `expected the sha256 (64 hex digits) inscope learn wrote, got ${describeValue(data['hash'])}`);
  if (!isFinite(data['bias'])) add('bias', `expected a finite number, got ${describeValue(data['bias'])}`);
  const weights = data['weights'];
  if (!isMapping(weights)) add('weights', `expected a mapping of feature → weight, got ${describeValue(weights)}`);
  else {
    const start = text.indexOf('"weights":');
    let bad = 0;
    for (const [feature, weight] of Object.entries(weights)) {
      if (isFinite(weight)) continue;
      if (++bad <= MAX_WEIGHT_ISSUES) add(`weights.${feature}`, `expected a finite number, got ${describeValue(weight)}`, lineOf(text, feature, start));
    }
    if (bad > MAX_WEIGHT_ISSUES) add('weights', `${bad - MAX_WEIGHT_ISSUES} more weights are not finite numbers`);
  }
  if (issues.length === 0) {
    const model = data as unknown as ModelFile;
    const hash = modelHash(model);
    if (hash !== model.hash) {
      add('hash', `does not match the bias and weights${model.estimator === undefined ? '' : ' and estimator'} (they hash to ${hash.slice(0, 12)}…): the file was changed after inscope learn wrote it; train it again rather than editing it`);
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  const model = data as unknown as ModelFile;
  return estimator === undefined ? { name, file, model } : { name, file, model, estimator };
}
