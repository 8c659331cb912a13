// The file `inscope learn` writes and a config names with `model:`: the covered-or-not model of
// rules/kind-model.ts, from version 2 on with the hour estimator of rules/hour-estimator.ts when
// the history had logged time, plus a hash over what decides its answers (bias, weights and the
// estimator), so that a file damaged or edited by hand is refused when the config loads instead of
// quietly deciding otherwise. A version 1 file (no estimator) hashes as it always did.
import { createHash } from 'node:crypto';
import type { KindModel } from '../../rules/kind-model.js';
import type { HourEstimator } from '../../rules/index.js';
import { encodeEstimator, type EstimatorFile } from './estimator-codec.js';

export interface ModelFile extends Omit<KindModel, 'version'> {
  /** 1: the kind model alone; 2: with an hour estimator. */
  readonly version: 1 | 2;
  /** sha256 (hex) of the canonical JSON of bias and weights, and of the estimator (see modelHash). */
  readonly hash: string;
  readonly estimator?: EstimatorFile;
}

/** The estimator's stored form with its keys in a fixed order, for the hash. */
function canonicalEstimator(e: EstimatorFile): string {
  return JSON.stringify({
    version: e.version,
    bits: e.bits,
    // A correction is hashed only where there is one: files without it hash as they always did.
    groups: e.groups.map((g) => ({ product: g.product, kind: g.kind, requests: g.requests, hours: g.hours, features: g.features, ...(g.correction !== undefined && { correction: g.correction }) })),
  });
}

/**
 * sha256 over `{"bias":…,"weights":{…}}` with the weights in code-point order of their features,
 * followed, when there is an estimator, by a NUL and its canonical JSON.
 */
export function modelHash(model: Pick<ModelFile, 'bias' | 'weights' | 'estimator'>): string {
  const keys = Object.keys(model.weights).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const weights: Record<string, number> = {};
  for (const k of keys) weights[k] = model.weights[k] as number;
  const hash = createHash('sha256').update(JSON.stringify({ bias: model.bias, weights }));
  if (model.estimator !== undefined) hash.update(`\0${canonicalEstimator(model.estimator)}`);
  return hash.digest('hex');
}

export function toModelFile(model: KindModel, estimator?: HourEstimator): ModelFile {
  const base = { trainedOn: model.trainedOn, bias: model.bias, weights: model.weights };
  if (estimator === undefined || estimator.groups.length === 0) return { version: 1, ...base, hash: modelHash(base) };
  const encoded = encodeEstimator(estimator);
  return { version: 2, ...base, estimator: encoded, hash: modelHash({ ...base, estimator: encoded }) };
}

/** The kind model inside a model file, as the engine takes it. */
export function kindModelOf(file: ModelFile): KindModel {
  return { version: 1, trainedOn: file.trainedOn, bias: file.bias, weights: file.weights };
}

/** Requests with logged hours in the estimator, 0 without one. */
export function estimatorRequests(file: Pick<ModelFile, 'estimator'>): number {
  return file.estimator?.groups.reduce((sum, g) => sum + g.requests, 0) ?? 0;
}

/** JSON with one weight and one estimator group per line: diffs between two trainings stay readable. */
export function renderModelFile(file: ModelFile): string {
  const weights = Object.entries(file.weights).map(([f, w]) => `    ${JSON.stringify(f)}: ${JSON.stringify(w)}`).join(',\n');
  const estimator = file.estimator === undefined
    ? ''
    : `,\n  "estimator": {\n    "version": ${file.estimator.version},\n    "bits": ${file.estimator.bits},\n    "groups": [${
      file.estimator.groups.length === 0 ? '' : `\n${file.estimator.groups.map((g) => `      ${JSON.stringify(g)}`).join(',\n')}\n    `}]\n  }`;
  return `{\n  "version": ${file.version},\n  "trainedOn": ${JSON.stringify(file.trainedOn)},\n  "hash": ${JSON.stringify(file.hash)},\n`
    + `  "bias": ${JSON.stringify(file.bias)},\n  "weights": {${weights === '' ? '' : `\n${weights}\n  `}}${estimator}\n}\n`;
}
