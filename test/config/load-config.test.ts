import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, type ConfigIssue } from '../../connectors/config/config-error.js';
import { loadConfig, parseConfig } from '../../connectors/config/load-config.js';

const dir = 'test/fixtures/config';
const fixture = (name: string) => `${dir}/${name}`;

async function issuesOf(promise: Promise<unknown>): Promise<readonly ConfigIssue[]> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues;
}

function issuesOfText(text: string, file = 'inline.yaml'): readonly ConfigIssue[] {
  try {
    parseConfig(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

type Expected = Omit<ConfigIssue, 'file' | 'related'> & { related?: ConfigIssue['related'] };

const badFixtures: readonly (readonly [string, string, readonly Expected[]])[] = [
  ['an empty file', 'empty.yaml', [
    { line: 1, column: 1, path: '', message: 'the file is empty: expected a mapping with version: 1, vendor, defaults, contracts, completeness and coverage' },
  ]],
  ['a YAML syntax error', 'yaml-syntax-error.yaml', [
    { line: 8, column: 5, path: '', message: 'YAML syntax error: flow sequence in block collection must be sufficiently indented and end with a ]' },
  ]],
  ['malformed JSON (a trailing comma)', 'malformed.json', [
    { line: 6, column: 1, path: '', message: 'JSON syntax error: Expected double-quoted property name' },
  ]],
  ['an unknown top-level key', 'unknown-top-level-key.yaml', [
    { line: 4, column: 1, path: 'contrats', message: 'unknown key "contrats" (did you mean "contracts"?)' },
  ]],
  ['a typo in a nested key', 'typo-nested-key.yaml', [
    { line: 10, column: 5, path: 'contracts[0].validUtil', message: 'unknown key "validUtil" (did you mean "validUntil"?)' },
  ]],
  ['a value of the wrong type', 'wrong-type.yaml', [
    { line: 10, column: 15, path: 'contracts[0].products', message: 'expected a list of covered products, got "finance"' },
  ]],
  ['a wrong type in JSON', 'json-wrong-type.json', [
    { line: 4, column: 63, path: 'defaults.hourlyRate', message: 'expected an hourly rate above 0, got "135"' },
  ]],
  ['a date that does not exist', 'bad-date.yaml', [
    { line: 10, column: 17, path: 'contracts[0].validUntil', message: 'expected a date YYYY-MM-DD, got "2026-13-01"' },
  ]],
  ['validUntil before validFrom', 'valid-until-before-valid-from.yaml', [
    { line: 10, column: 17, path: 'contracts[0].validUntil', message: 'expected a date on or after validFrom 2026-12-31, got 2026-01-01',
      related: { line: 9, column: 16, path: 'contracts[0].validFrom' } },
  ]],
  ['a time zone that does not exist', 'bad-time-zone.yaml', [
    { line: 10, column: 15, path: 'contracts[0].timeZone', message: 'expected an IANA time zone such as Europe/Amsterdam, got "Europe/Amsterdm" (did you mean "Europe/Amsterdam"?)' },
  ]],
  ['a regular expression that does not compile', 'bad-regex.yaml', [
    { line: 7, column: 14, path: 'facts.version.pattern', message: 'invalid regular expression "v?(\\\\d+\\\\.\\\\d+": Unterminated group' },
  ]],
  ['a condition with two kinds', 'condition-two-kinds.yaml', [
    { line: 10, column: 55, path: 'coverage[0].when.all[0].tags', message: 'a condition has exactly one kind, got "text" and "tags": combine them with all: [...] or any: [...]' },
  ]],
  ['a fact condition without an operator', 'fact-without-operator.yaml', [
    { line: 11, column: 11, path: 'coverage[0].when.any[1]', message: 'a fact condition needs exactly one operator (present, equals, in, matches, minWords), got none' },
  ]],
  ['a condition on an unknown fact', 'unknown-fact.yaml', [
    { line: 11, column: 20, path: 'coverage[0].when.not.fact', message: 'unknown fact "prodcut" (did you mean "product"?): expected a built-in fact (subject, description, form, priority, channel, organization, requesterDomain), a fact declared under facts or a field under helpdesks.*.fields' },
  ]],
  ['a duplicate contract id', 'duplicate-contract-id.yaml', [
    { line: 11, column: 9, path: 'contracts[1].id', message: 'duplicate contract id "C-2026-001": ids must be unique',
      related: { line: 5, column: 9, path: 'contracts[0].id' } },
  ]],
  ['contracts that overlap for the same organization', 'overlapping-contracts.yaml', [
    { line: 14, column: 79, path: 'contracts[1].match.organizationIds[1]',
      message: 'contract "C-2026-061" (2026-09-01..open-ended) overlaps contract "C-2025-060" (2025-10-01..2026-09-30) for the same organization id "9009": a ticket would match both',
      related: { line: 7, column: 32, path: 'contracts[0].match.organizationIds[0]' } },
  ]],
  ['a text without its Dutch translation', 'missing-nl.yaml', [
    { line: 8, column: 7, path: 'completeness[0].missing.nl', message: 'required: expected the Dutch (nl) text' },
  ]],
  ['an alias bomb ("billion laughs")', 'alias-bomb.yaml', [
    { line: 3, column: 8, path: '', message: 'too many alias expansions (more than 100): anchors and aliases must not multiply the config' },
  ]],
  ['a duplicate key', 'duplicate-keys.yaml', [
    { line: 7, column: 3, path: '', message: 'duplicate key "mode": each key may appear only once in a mapping' },
  ]],
  ['a custom tag', 'custom-tag.yaml', [
    { line: 5, column: 28, path: '', message: 'the tag !!js/function is not allowed: a config holds only plain mappings, lists, texts, numbers and booleans' },
  ]],
  ['an unquoted version number and a malformed range', 'unquoted-version.yaml', [
    { line: 11, column: 40, path: 'contracts[0].products[0].versions[0]', message: 'expected a version such as "9.2", "9.x" or ">=8.0 <10", got the number 10.2, put it in quotes' },
    { line: 11, column: 53, path: 'contracts[0].products[0].versions[2]', message: 'expected a version such as "9.2", "9.x" or ">=8.0 <10", got ">= 8"' },
  ]],
];

describe('loadConfig', () => {
  it.each(badFixtures)('rejects %s with file, line, column, path and message', async (_what, name, expected) => {
    const issues = await issuesOf(loadConfig(fixture(name)));
    expect(issues).toEqual(expected.map((issue) => ({ file: fixture(name), ...issue })));
  });

  it('loads the small valid fixture and fills in every default', async () => {
    const loaded = await loadConfig(fixture('valid.yaml'));
    const hash = createHash('sha256').update(readFileSync(fixture('valid.yaml'))).digest('hex').slice(0, 12);
    expect(loaded.file).toBe(fixture('valid.yaml'));
    expect(loaded.hash).toBe(hash);
    expect(loaded.summary).toBe(`2 contracts, 2 completeness rules, 3 coverage rules, 3 facts (hash ${hash})`);
    expect(loaded.config.connector).toEqual({ mode: 'auto', pathGuard: 'revert', requestMissingInfo: true, tagPrefix: 'inscope_' });
    expect(loaded.config.proposals).toEqual({ vatPercent: 21, validityDays: 30 });
    expect(loaded.config.contracts.map((c) => c.timeZone)).toEqual(['Europe/Amsterdam', 'Europe/London']);
    // Zendesk organization ids are numbers in YAML; the domain model carries text.
    expect(loaded.config.contracts[0]?.match.organizationIds).toEqual(['9001']);
    expect(loaded.config.helpdesks.zendesk?.fields['product']).toBe(360001000002);
  });

  it('loads a JSON config through the same schema', async () => {
    const loaded = await loadConfig(fixture('valid.json'));
    expect(loaded.summary).toMatch(/^1 contract, 0 completeness rules, 1 coverage rule, 0 facts \(hash [0-9a-f]{12}\)$/);
    expect(loaded.config.helpdesks).toEqual({});
    expect(loaded.config.defaults.locale).toBe('en');
  });

  it('lets a missing file fail with the file system error, not a ConfigError', async () => {
    await expect(loadConfig(fixture('does-not-exist.yaml'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.runIf(existsSync('examples/coverage.yaml'))('loads examples/coverage.yaml cleanly', async () => {
    const loaded = await loadConfig('examples/coverage.yaml');
    expect(loaded.config.contracts.length).toBeGreaterThan(0);
    expect(loaded.summary).toMatch(/^\d+ contracts?, \d+ completeness rules?, \d+ coverage rules?, \d+ facts? \(hash [0-9a-f]{12}\)$/);
  });
});

describe('ConfigError', () => {
  it('formats each issue as file:line:column, path and message, naming the related place', async () => {
    const error = await loadConfig(fixture('duplicate-contract-id.yaml')).catch((e: unknown) => e as ConfigError);
    expect(error.message).toBe(
      'test/fixtures/config/duplicate-contract-id.yaml:11:9  contracts[1].id: duplicate contract id "C-2026-001": ids must be unique'
      + ' (see test/fixtures/config/duplicate-contract-id.yaml:5:9 contracts[0].id)',
    );
    expect(error.format()).toBe(error.message);
  });
});
