// The model file a config names with `model:` loads only as inscope learn wrote it: every way a
// file can be damaged or hand-edited is a config error that names the model file and what is wrong.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../connectors/config/config-error.js';
import { compileOptions, loadConfig } from '../../connectors/config/load-config.js';
import { renderModelFile, toModelFile } from '../../connectors/learn/model-file.js';

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
    expect(compileOptions(loaded).kindModel).toEqual(model);
  });

  it('changes the config hash that traces carry, so a verdict names the model that made it', async () => {
    const withModel = await load(good);
    const other = await load(renderModelFile(toModelFile({ ...model, bias: 0.25 })));
    expect(withModel.hash).not.toBe(other.hash);
  });

  it.each([
    ['a weight changed by hand', good.replace('"crash": 1.25', '"crash": 1.5'), 'model.json:4  hash: does not match the bias and weights'],
    ['the bias changed by hand', good.replace('"bias": 0.5', '"bias": 0.6'), 'model.json:4  hash: does not match the bias and weights'],
    ['a weight removed', good.replace('    "crash": 1.25,\n', ''), 'model.json:4  hash: does not match the bias and weights'],
    ['another version', good.replace('"version": 1', '"version": 2'), 'model.json:2  version: expected 1 (the only model version), got the number 2'],
    ['a weight that is text', good.replace('"how_do": -2', '"how_do": "-2"'), 'model.json:8  weights.how_do: expected a finite number, got "-2"'],
    ['a weight too large to be finite', good.replace('"how_do": -2', '"how_do": -2e999'), 'model.json:8  weights.how_do: expected a finite number, got the number -Infinity'],
    ['a bias that is missing', good.replace('  "bias": 0.5,\n', ''), 'model.json:1  bias: expected a finite number, got nothing'],
    ['weights that are a list', good.replace(/"weights": \{[^}]*\}/, '"weights": []'), 'model.json:6  weights: expected a mapping of feature → weight, got a list'],
    ['a hash that is no sha256', good.replace(/"hash": "[0-9a-f]+"/, '"hash": "abc"'), 'model.json:4  hash: expected the sha256 (64 hex digits) inscope learn wrote, got "abc"'],
    ['an unknown key', good.replace('"version": 1,', '"version": 1,\n  "bias2": 1,'), 'model.json:3  bias2: unknown key "bias2": expected one of version, trainedOn, hash, bias, weights'],
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
