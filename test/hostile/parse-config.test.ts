// Property tests for parseConfig: arbitrary text, mutated valid configs and known attacks (YAML
// bombs, deep nesting, huge numbers, prototype-pollution keys) either load or throw a ConfigError
// whose every issue names the file, line and column. Nothing else is thrown, nothing hangs, and
// Object.prototype is left alone.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError } from '../../connectors/config/config-error.js';
import { parseConfig } from '../../connectors/config/load-config.js';
import { mutated } from './json-mutations.js';
import { runs } from './property-runs.js';

const VALID_YAML = readFileSync(new URL('../fixtures/config/valid.yaml', import.meta.url), 'utf8');
const VALID_DATA = parseConfig(VALID_YAML, 'valid.yaml').config;
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** What parseConfig did with the text: loaded, or a ConfigError; anything else is a failure. */
function outcome(text: string, file: string): 'loaded' | 'config-error' {
  try {
    parseConfig(text, file);
    return 'loaded';
  } catch (error) {
    if (!(error instanceof ConfigError)) throw new Error(`parseConfig threw ${String(error)} instead of a ConfigError`, { cause: error });
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) {
      expect(issue.file).toBe(file);
      expect(Number.isInteger(issue.line) && issue.line >= 1).toBe(true);
      expect(Number.isInteger(issue.column) && issue.column >= 1).toBe(true);
      expect(typeof issue.message === 'string' && issue.message !== '').toBe(true);
    }
    return 'config-error';
  }
}

const lines = VALID_YAML.split('\n');
/** valid.yaml with one line removed, repeated, or replaced by arbitrary text. */
const editedYaml = fc
  .tuple(fc.nat(lines.length - 1), fc.constantFrom('remove', 'repeat', 'replace', 'insert'), fc.string({ unit: 'binary', maxLength: 40 }))
  .map(([at, edit, text]) => {
    const copy = [...lines];
    if (edit === 'remove') copy.splice(at, 1);
    else if (edit === 'repeat') copy.splice(at, 0, lines[at]!);
    else if (edit === 'replace') copy[at] = text;
    else copy[at] = `${copy[at]!.slice(0, text.length % (copy[at]!.length + 1))}${text}${copy[at]!.slice(text.length % (copy[at]!.length + 1))}`;
    return copy.join('\n');
  });

afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
});

describe('parseConfig under hostile text', () => {
  it('throws only ConfigErrors, with file, line and column, for arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme-ascii', maxLength: 300 })), fc.constantFrom('c.yaml', 'c.json'), (text, file) => {
        outcome(text, file);
      }),
      runs(600),
    );
  });

  it('throws only ConfigErrors for the valid config with one line removed, repeated or changed', () => {
    fc.assert(fc.property(editedYaml, (text) => void outcome(text, 'edited.yaml')), runs(150));
  });

  it('throws only ConfigErrors for the valid config with one value replaced by hostile JSON, as YAML and as JSON', () => {
    fc.assert(
      fc.property(mutated([JSON.parse(JSON.stringify(VALID_DATA)) as unknown]), fc.boolean(), (data, asJson) => {
        const text = asJson ? JSON.stringify(data) ?? '' : stringify(data);
        outcome(text, asJson ? 'mutated.json' : 'mutated.yaml');
      }),
      runs(150),
    );
  });
});

const DEPTH = 100_000;
const nestedConditions = (depth: number) => {
  let condition = '{ contract: active }';
  for (let i = 0; i < depth; i += 1) condition = `{ all: [${condition}] }`;
  return VALID_YAML.replace("when: { contract: [none, expired, not-yet-active] }", `when: ${condition}`);
};

describe('parseConfig under known attacks', () => {
  it.each([
    ['100,000 levels of [ in YAML', `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`, 'deep.yaml'],
    ['100,000 unclosed [ in YAML', '['.repeat(DEPTH), 'deep.yaml'],
    ['100,000 levels of [ in JSON', `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`, 'deep.json'],
    ['100,000 levels of {"a": in JSON', `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`, 'deep.json'],
    ['10,000 levels of indented block mappings', Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), 'deep.yaml'],
    ['10,000 nested all: conditions', nestedConditions(10_000), 'deep.yaml'],
    ['the billion laughs alias bomb', readFileSync(new URL('../fixtures/config/alias-bomb.yaml', import.meta.url), 'utf8'), 'bomb.yaml'],
    ['a merge-key bomb', `a: &a {x: 1, y: 2}\nb: &b {<<: [*a, *a, *a], z: 3}\nc: &c {<<: [*b, *b, *b]}\n${VALID_YAML}`, 'bomb.yaml'],
    ['a self-referencing alias', 'a: &a [*a]\n', 'loop.yaml'],
    ['an alias to an undefined anchor', 'version: *nowhere\n', 'alias.yaml'],
    ['huge numbers', VALID_YAML.replace('hourlyRate: 135', 'hourlyRate: 1e400').replace('estimateHours: 2', 'estimateHours: 99999999999999999999999999999'), 'huge.yaml'],
    ['a huge version', VALID_YAML.replace('version: 1', 'version: 1e400'), 'huge.yaml'],
    ['a negative-zero and NaN', VALID_YAML.replace('hourlyRate: 135', 'hourlyRate: .nan').replace('estimateHours: 2', 'estimateHours: -0'), 'nan.yaml'],
    ['__proto__ at the top level', `__proto__: { polluted: true }\n${VALID_YAML}`, 'proto.yaml'],
    ['__proto__ inside facts', VALID_YAML.replace('facts:\n', 'facts:\n  __proto__: { field: polluted, pattern: x, polluted: true }\n'), 'proto.yaml'],
    ['constructor.prototype inside facts', VALID_YAML.replace('facts:\n', 'facts:\n  constructor: { prototype: { polluted: true } }\n'), 'proto.yaml'],
    ['__proto__ in JSON', `{"__proto__": {"polluted": true}, "version": 1}`, 'proto.json'],
    ['a JavaScript function tag', `version: !!js/function "function () { return 1 }"\n`, 'tag.yaml'],
    ['a custom tag on a mapping', `vendor: !thing { name: x }\n`, 'tag.yaml'],
    ['NUL and lone surrogates', `version: 1\nvendor: { name: "a\u0000b\uD800" }\n`, 'nul.yaml'],
    ['a byte-order mark and only comments', '\uFEFF# nothing here\n', 'bom.yaml'],
    ['two documents', `${VALID_YAML}\n---\n${VALID_YAML}`, 'two.yaml'],
    ['a text just over the size limit', `# ${'x'.repeat(5 * 1024 * 1024)}\n`, 'big.yaml'],
  ])('answers %s with a ConfigError or a config, never a crash', (_name, text, file) => {
    outcome(text, file);
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['at the top level', `__proto__: { polluted: true }\n${VALID_YAML}`],
    ['as a fact name', VALID_YAML.replace('facts:\n', 'facts:\n  __proto__: { field: product, pattern: x }\n')],
    ['as a helpdesk field', VALID_YAML.replace('fields: { product: 360001000002,', 'fields: { __proto__: 1, product: 360001000002,')],
    ['as a product in words', VALID_YAML.replace('finance: [boekhouding', '__proto__: [x]\n      finance: [boekhouding')],
  ])('refuses a __proto__ key %s, saying where, rather than dropping it', (_name, text) => {
    expect(outcome(text, 'proto.yaml')).toBe('config-error');
    try {
      parseConfig(text, 'proto.yaml');
    } catch (error) {
      const issue = (error as ConfigError).issues.find((i) => i.message.includes('__proto__'));
      expect(issue).toBeDefined();
      expect(text.split('\n')[issue!.line - 1]?.slice(issue!.column - 1)).toMatch(/^__proto__/);
    }
  });
});
