// The model file a config names with `model:` loads only as inscope learn wrote it: every way a
// file can be damaged or hand-edited is a config error that names the model file and what is wrong.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../connectors/config/config-error.js';
import { compileOptions, loadConfig } from '../../connectors/config/load-config.js';
import { encodeEstimator } from '../../connectors/learn/estimator-codec.js';
import { kindModelOf, modelHash, renderModelFile, toModelFile, type ModelFile } from '../../connectors/learn/model-file.js';
import type { HourEstimator } from '../../rules/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const model = toModelFile({ version: 1, trainedOn: '3 tickets of history/, 2026-12-06', bias: 0.5, weights: { crash: 1.25, how_do: -2, werkt_niet: 0.75 } });
const good = renderModelFile(model);
let dir: string;
let n = 0;

beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-model-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy of examples/coverage.yaml in a folder of its own, naming `models/model.json` holding `text` (none: no file). */
async function load(text: string | undefined): Promise<ReturnType<typeof loadConfig>> {
  const here = path.join(dir, String(n++));
  fs.mkdirSync(path.join(here, 'models'), { recursive: true });
  const config = path.join(here, 'coverage.yaml');
  fs.writeFileSync(config, `${fs.readFileSync(path.join(root, 'examples/coverage.yaml'), 'utf8')}\nmodel: models/model.json\n`);
  if (text !== undefined) fs.writeFileSync(path.join(here, 'models/model.json'), text);
  return loadConfig(config);
}

async function problems(text: string | undefined): Promise<string[]> {
  const error: unknown = await load(text).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues.map((i) => `${path.basename(i.file)}:${i.line}  ${i.path}: ${i.message}`);
}

describe('model: in the config', () => {
  it('reads the model relative to the config file and hands it to the engine in place of the built-in one', async () => {
    const loaded = await load(good);
    expect(loaded.model?.name).toBe('models/model.json');
    expect(loaded.model?.model).toEqual(model);
    expect(compileOptions(loaded).kindModel).toEqual(kindModelOf(model));
  });

  it('changes the config hash that traces carry, so a verdict names the model that made it', async () => {
    const withModel = await load(good);
    const other = await load(renderModelFile(toModelFile({ ...kindModelOf(model), bias: 0.25 })));
    expect(withModel.hash).not.toBe(other.hash);
  });

  it.each([
    ['a weight changed by hand', good.replace('"crash": 1.25', '"crash": 1.5'), 'model.json:4  hash: does not match the bias and weights'],
    ['the bias changed by hand', good.replace('"bias": 0.5', '"bias": 0.6'), 'model.json:4  hash: does not match the bias and weights'],
    ['a weight removed', good.replace('    "crash": 1.25,\n', ''), 'model.json:4  hash: does not match the bias and weights'],
    ['another version', good.replace('"version": 1', '"version": 3'), 'model.json:2  version: expected 1 (a kind model) or 2 (with an hour estimator), got the number 3'],
    ['a weight that is text', good.replace('"how_do": -2', '"how_do": "-2"'), 'model.json:8  weights.how_do: expected a finite number, got "-2"'],
    ['a weight too large to be finite', good.replace('"how_do": -2', '"how_do": -2e999'), 'model.json:8  weights.how_do: expected a finite number, got the number -Infinity'],
    ['a bias that is missing', good.replace('  "bias": 0.5,\n', ''), 'model.json:1  bias: expected a finite number, got nothing'],
    ['weights that are a list', good.replace(/"weights": \{[^}]*\}/, '"weights": []'), 'model.json:6  weights: expected a mapping of feature → weight, got a list'],
    ['a hash that is no sha256', good.replace(/"hash": "[0-9a-f]+"/, '"hash": "abc"'), 'model.json:4  hash: expected the sha256 (64 hex digits) inscope learn wrote, got "abc"'],
    ['an unknown key', good.replace('"version": 1,', '"version": 1,\n  "bias2": 1,'), 'model.json:3  bias2: unknown key "bias2": expected one of version, trainedOn, hash, bias, weights, estimator'],
    ['a cut-off file', good.slice(0, 60), 'model.json:3  : JSON syntax error'],
    ['a list instead of a model', '[]', 'model.json:1  : expected a model file written by inscope learn'],
  ])('refuses %s', async (_, text, expected) => {
    expect((await problems(text)).join('\n')).toContain(expected);
  });

  it('says at the config\'s model: line when the file is not there', async () => {
    const [problem] = await problems(undefined);
    expect(problem).toMatch(/^coverage\.yaml:\d+ {2}model: the model file .*models\/model\.json does not exist \(write it with inscope learn\)$/);
  });
});

// Two past how-to questions about finance (2 and 3.5 hours) and one of payroll, as inscope learn
// stores them: feature hashes per request, sorted.
const estimator: HourEstimator = {
  version: 1,
  bits: 20,
  groups: [
    { product: 'finance', kind: 'how-to', hundredths: Uint32Array.from([200, 350]), features: Uint32Array.from([5, 70000, 1048575, 9, 70000]), ends: Uint32Array.from([3, 5]) },
    { product: 'payroll', kind: 'how-to', hundredths: Uint32Array.from([125]), features: Uint32Array.from([42]), ends: Uint32Array.from([1]) },
  ],
};
const withEstimator = toModelFile(kindModelOf(model), estimator);
/** The same with finance's how-to requests recalibrated: they took 20 % more than their neighbours' median. */
const corrected: HourEstimator = { ...estimator, groups: estimator.groups.map((g, i) => (i === 0 ? { ...g, correction: 1.2 } : g)) };
const goodV2 = renderModelFile(withEstimator);

/** The version 2 file with its estimator changed by `change`, and the hash made to match again: only the estimator check can refuse it. */
function rehashed(change: (file: ModelFile) => unknown): string {
  const file = JSON.parse(goodV2) as ModelFile;
  const estimatorFile = change(file) as ModelFile['estimator'];
  const changed = { ...file, estimator: estimatorFile } as ModelFile;
  return JSON.stringify({ ...changed, hash: modelHash(changed) }, null, 2);
}

describe('model: with an hour estimator (version 2)', () => {
  it('decodes the estimator the file stores into what the engine takes', async () => {
    const loaded = await load(goodV2);
    expect(withEstimator.version).toBe(2);
    expect(loaded.model?.estimator).toEqual(estimator);
    expect(compileOptions(loaded)).toMatchObject({ kindModel: kindModelOf(model), hourEstimator: { model: estimator, minNeighbours: 3 } });
  });

  it('reads a recalibrated group\'s correction, and a group without one has none', async () => {
    const loaded = await load(renderModelFile(toModelFile(kindModelOf(model), corrected)));
    expect(loaded.model?.estimator).toEqual(corrected);
    expect(loaded.model?.estimator?.groups[1]).not.toHaveProperty('correction');
  });

  it('writes one group per line and round-trips the encoding', () => {
    expect(goodV2.split('\n').filter((line) => line.includes('"product"'))).toHaveLength(2);
    expect((JSON.parse(goodV2) as ModelFile).estimator).toEqual(encodeEstimator(estimator));
  });

  it('keeps loading a model file written before there were estimators, byte for byte as it was written', async () => {
    // Written by the model-file.ts of commit 1441589, before the estimator.
    const old = '{\n  "version": 1,\n  "trainedOn": "3 tickets of history/, 2026-12-06",\n  "hash": "a2c7477198cedd1d6b98bed6b915dbafc9be2215171ad78cdfe2c505345d4bde",\n'
      + '  "bias": 0.5,\n  "weights": {\n    "crash": 1.25,\n    "how_do": -2,\n    "werkt_niet": 0.75\n  }\n}\n';
    expect(good).toBe(old);
    const loaded = await load(old);
    expect(loaded.model?.estimator).toBeUndefined();
    expect(compileOptions(loaded)).toEqual({ configHash: loaded.hash, kindModel: kindModelOf(model) });
  });

  it.each([
    ['hours changed by hand', goodV2.replace(/"hours":"[^"]+"/, '"hours":"yAGuAg=="'), 'hash: does not match the bias and weights and estimator'],
    ['a version 1 file with an estimator', goodV2.replace('"version": 2', '"version": 1'), 'estimator: a version 1 model has no estimator: expected version 2 with it, or no estimator'],
    ['a version 2 file without one', rehashed(() => undefined), 'estimator: expected the hour estimator inscope learn wrote (a mapping with version, bits, groups), got nothing'],
    ['another estimator version', rehashed((f) => ({ ...f.estimator, version: 2 })), 'estimator.version: expected 1 (the only estimator version), got the number 2'],
    ['a request count that does not fit the hours', rehashed((f) => ({ ...f.estimator, groups: f.estimator?.groups.map((g, i) => (i === 0 ? { ...g, requests: 3 } : g)) })),
      'estimator.groups[0]: group 1 (finance, how-to): has 2 hours for 3 requests'],
    ['an unknown kind', rehashed((f) => ({ ...f.estimator, groups: f.estimator?.groups.map((g, i) => (i === 1 ? { ...g, kind: 'bug' } : g)) })),
      'estimator.groups[1]: group 2 (payroll, bug): kind: expected one of defect, how-to, own-implementation, feature-request, new-version, other, got "bug"'],
    ['features cut short', rehashed((f) => ({ ...f.estimator, groups: f.estimator?.groups.map((g, i) => (i === 0 ? { ...g, features: Buffer.from([3, 5]).toString('base64') } : g)) })),
      'group 1 (finance, how-to): its features end before request 1 of 2'],
    ['a hash past the bits', rehashed((f) => ({ ...f.estimator, bits: 16 })), 'group 1 (finance, how-to): request 1 has a feature hash past 2^16'],
    ['features that are no base64', rehashed((f) => ({ ...f.estimator, groups: f.estimator?.groups.map((g, i) => (i === 0 ? { ...g, features: 'not base64!' } : g)) })),
      'group 1 (finance, how-to): hours and features must be base64 texts'],
    ['a correction outside 0.5–2', rehashed((f) => ({ ...f.estimator, groups: f.estimator?.groups.map((g, i) => (i === 0 ? { ...g, correction: 3 } : g)) })),
      'estimator.groups[0]: group 1 (finance, how-to): correction: expected a factor from 0.5 to 2, got the number 3'],
    ['a correction changed by hand', renderModelFile(toModelFile(kindModelOf(model), corrected)).replace('"correction":1.2', '"correction":1.3'), 'hash: does not match the bias and weights and estimator'],
    ['two groups for the same product and kind', rehashed((f) => ({ ...f.estimator, groups: f.estimator?.groups.map((g) => ({ ...g, product: 'finance' })) })),
      'group 2 (finance, how-to): a second group for the same product and kind'],
  ])('refuses %s', async (_, text, expected) => {
    expect((await problems(text)).join('\n')).toContain(expected);
  });
});
