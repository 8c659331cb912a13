// Loads the coverage config: read, parse safely, validate with zod, cross-check, and fail fast
// with every problem and its file:line:column. The result carries a short hash for traces.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { CompileOptions } from '../../rules/index.js';
import { ConfigError } from './config-error.js';
import { configSchema, type CoverageConfig } from './config-schema.js';
import { crossCheckConfig } from './cross-check-config.js';
import { readModelFile, type LoadedModel } from './read-model-file.js';
import { kindModelOf } from '../learn/model-file.js';
import { MAX_CONFIG_BYTES, readConfigDocument } from './read-config-document.js';
import { configErrorMap, toConfigIssues } from './to-config-issues.js';

export interface LoadedConfig {
  readonly config: CoverageConfig;
  readonly file: string;
  /** sha256 (hex) of the file's bytes, and of the model's hash when it names one, first 12 characters. */
  readonly hash: string;
  /** The model file `model:` names, read and checked; absent: the built-in model. */
  readonly model?: LoadedModel;
  /** "N contracts, N completeness rules, N coverage rules, N facts[, N products][, N named conditions] (hash abc123def456)". */
  readonly summary: string;
}

/** What compileRules needs of a loaded config besides the config: its hash, and its model when it names one. */
export function compileOptions(loaded: LoadedConfig): CompileOptions {
  const { model } = loaded;
  if (model === undefined) return { configHash: loaded.hash };
  const kindModel = kindModelOf(model.model);
  return model.estimator === undefined
    ? { configHash: loaded.hash, kindModel }
    : { configHash: loaded.hash, kindModel, hourEstimator: { model: model.estimator, minNeighbours: loaded.config.proposals.minSimilarRequests } };
}

/** Reads and validates a config file; throws ConfigError, or the fs error (ENOENT…) as it is. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const info = await stat(file);
  // readFile on a folder fails with an EISDIR that does not name the path: say it here, where the path is known.
  if (info.isDirectory()) throw new ConfigError([{ file, line: 1, column: 1, path: '', message: 'this is a folder: expected a config file (YAML or JSON)' }]);
  const { size } = info;
  if (size > MAX_CONFIG_BYTES) {
    throw new ConfigError([{ file, line: 1, column: 1, path: '', message: `the file is ${size} bytes: expected a config of at most ${MAX_CONFIG_BYTES} bytes` }]);
  }
  const bytes = await readFile(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ConfigError([{ file, line: 1, column: 1, path: '', message: 'expected a UTF-8 text file' }]);
  }
  return validate(text, file, bytes);
}

/** Validates config text; `file` names it in errors and decides JSON (`.json`) or YAML. */
export function parseConfig(text: string, file: string): LoadedConfig {
  return validate(text, file, Buffer.from(text, 'utf8'));
}

function validate(text: string, file: string, bytes: Uint8Array): LoadedConfig {
  const { data, locate } = readConfigDocument(text, file);
  const parsed = configSchema.safeParse(data, { error: configErrorMap, reportInput: true });
  if (!parsed.success) throw new ConfigError(toConfigIssues(parsed.error.issues, file, locate));
  const config = parsed.data;
  const raw = (data as { completeness?: unknown } | null)?.completeness;
  const problems = crossCheckConfig(config, file, locate, raw === undefined || Array.isArray(raw) ? ['completeness'] : ['completeness', 'rules']);
  if (problems.length > 0) throw new ConfigError(problems);
  const model = config.model === undefined ? undefined : readModelFile(config.model, file, locate);

  // Another model can decide a ticket otherwise under the same config text: the hash traces carry covers both.
  const digest = createHash('sha256').update(bytes);
  if (model !== undefined) digest.update(`\0${model.model.hash}`);
  const hash = digest.digest('hex').slice(0, 12);
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const summary = [
    count(config.contracts.length, 'contract'),
    count(config.completeness.length, 'completeness rule'),
    count(config.coverage.length, 'coverage rule'),
    count(Object.keys(config.facts).length, 'fact'),
    ...(config.products === undefined ? [] : [count(config.products.length, 'product')]),
    ...(config.conditions === undefined ? [] : [count(Object.keys(config.conditions).length, 'named condition')]),
  ].join(', ') + ` (hash ${hash})`;
  return model === undefined ? { config, file, hash, summary } : { config, file, hash, summary, model };
}
