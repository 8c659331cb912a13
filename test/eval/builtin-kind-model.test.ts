// The built-in learned model is data the build can reproduce: trained on the development part only,
// so the test part stays a measurement of tickets nothing was tuned to.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_KIND_MODEL } from '../../rules/builtin-kind-model.js';
import { BUILTIN_MODEL_FILE, builtinModelSource } from './train-builtin-model.js';
import { PARTS } from './run-eval.js';

describe('the built-in covered-or-not model', () => {
  it('is what the development part trains (npm run train-model)', async () => {
    expect(fs.readFileSync(BUILTIN_MODEL_FILE, 'utf8')).toBe(await builtinModelSource());
  }, 60_000);

  it('was trained on exactly the development tickets, none of the test part', async () => {
    const { labelledTexts } = await import('./kind-model-training.js');
    const dev = await labelledTexts(PARTS.dev(), {});
    expect(BUILTIN_KIND_MODEL.trainedOn).toBe(`${dev.length} labelled tickets of the evaluation corpus's development part`);
    expect(PARTS.dev().some((f) => f.includes('/test-'))).toBe(false);
  });
});
