// The file `inscope learn` writes and a config names with `model:`: the covered-or-not model of
// rules/kind-model.ts plus a hash over what decides its answers (bias and weights), so that a file
// damaged or edited by hand is refused when the config loads instead of quietly deciding otherwise.
import { createHash } from 'node:crypto';
import type { KindModel } from '../../rules/kind-model.js';

export interface ModelFile extends KindModel {
  /** sha256 (hex) of the canonical JSON of bias and weights (see modelHash). */
  readonly hash: string;
}

/** sha256 over `{"bias":…,"weights":{…}}` with the weights in code-point order of their features. */
export function modelHash(model: Pick<KindModel, 'bias' | 'weights'>): string {
  const keys = Object.keys(model.weights).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const weights: Record<string, number> = {};
  for (const k of keys) weights[k] = model.weights[k] as number;
  return createHash('sha256').update(JSON.stringify({ bias: model.bias, weights })).digest('hex');
}

export function toModelFile(model: KindModel): ModelFile {
  return { version: model.version, trainedOn: model.trainedOn, bias: model.bias, weights: model.weights, hash: modelHash(model) };
}

/** JSON with one weight per line: diffs between two trainings stay readable. */
export function renderModelFile(file: ModelFile): string {
  const weights = Object.entries(file.weights).map(([f, w]) => `    ${JSON.stringify(f)}: ${JSON.stringify(w)}`).join(',\n');
  return `{\n  "version": ${file.version},\n  "trainedOn": ${JSON.stringify(file.trainedOn)},\n  "hash": ${JSON.stringify(file.hash)},\n`
    + `  "bias": ${JSON.stringify(file.bias)},\n  "weights": {${weights === '' ? '' : `\n${weights}\n  `}}\n}\n`;
}
