// Parses config text (YAML, or JSON through the same YAML parser so that positions work) into a
// plain value plus a locator, refusing what a config never needs: duplicate keys, custom tags,
// alias bombs and files too large to be a config.
import { LineCounter, isNode, isScalar, parseDocument, visit, type Node } from 'yaml';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { createLocator, type Locator } from './create-locator.js';

export const MAX_CONFIG_BYTES = 5 * 1024 * 1024;
/** Anchors and aliases are fine for sharing a condition; thousands of expansions are an attack. */
export const MAX_ALIAS_COUNT = 100;

// The YAML 1.2 core schema's own tags (`!!str 10.2` is how to force a string); nothing else.
const ALLOWED_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

export interface ConfigDocument {
  readonly data: unknown;
  readonly locate: Locator;
}

export function readConfigDocument(text: string, file: string): ConfigDocument {
  const issue = (line: number, column: number, message: string): ConfigIssue => ({ file, line, column, path: '', message });
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_CONFIG_BYTES) {
    throw new ConfigError([issue(1, 1, `the file is ${bytes} bytes: expected a config of at most ${MAX_CONFIG_BYTES} bytes`)]);
  }

  const lineCounter = new LineCounter();
  const at = (offset: number | undefined): [number, number] => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return [line, col];
  };
  const empty = issue(1, 1, 'the file is empty: expected a mapping with version: 1, vendor, defaults, contracts, completeness and coverage');
  if (source.trim() === '') throw new ConfigError([empty]);
  if (file.toLowerCase().endsWith('.json')) checkJsonSyntax(source, file);

  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: false, strict: true });
  const issues: ConfigIssue[] = [];
  // One stray quote leaves the parser out of step for the rest of the file: a Wulp administrator got
  // 1,900 syntax errors for one "'" in a pattern. The first is the one to fix; the rest are counted.
  const isSyntax = (e: (typeof doc.errors)[number]): boolean => e.code !== 'DUPLICATE_KEY' && e.code !== 'MULTIPLE_DOCS';
  const syntax = doc.errors.filter(isSyntax);
  for (const error of doc.errors) {
    if (isSyntax(error) && error !== syntax[0]) continue;
    const more = error === syntax[0] && syntax.length > 1
      ? ` (and ${syntax.length - 1} more syntax error${syntax.length > 2 ? 's' : ''} after it, which this one may cause: fix it first, then check again)`
      : '';
    const message = error.code === 'DUPLICATE_KEY'
      ? `duplicate key ${keyAt(source, error.pos[0])}: each key may appear only once in a mapping`
      : error.code === 'MULTIPLE_DOCS'
        ? 'a second YAML document (after ---): a config is one document'
        : `YAML syntax error: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}${more}`;
    issues.push(issue(...at(error.pos[0]), message));
  }
  for (const warning of doc.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') issues.push(issue(...at(warning.pos[0]), warning.message));
  }
  visit(doc, {
    Node(_key, node) {
      if (isNode(node) && node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) {
        issues.push(issue(...at(node.range?.[0]), `the tag ${node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: a config holds only plain mappings, lists, texts, numbers and booleans`));
      }
    },
    // Mappings read as records (facts, fields, words) silently dropped this key: say so instead.
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        issues.push(issue(...at(pair.key.range?.[0]), 'the key "__proto__" is not allowed: it would change how the config is read rather than name a setting'));
      }
    },
  });
  if (issues.length > 0) throw new ConfigError(issues);

  // Only comments: YAML sees no document at all.
  if (doc.contents === null) throw new ConfigError([empty]);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let first: Node | undefined;
    visit(doc, { Alias(_key, node) { first ??= node; return visit.BREAK; } });
    throw new ConfigError([issue(...at(first?.range?.[0]), `too many alias expansions (more than ${MAX_ALIAS_COUNT}): anchors and aliases must not multiply the config`)]);
  }
  return { data, locate: createLocator(doc, lineCounter) };
}

function keyAt(source: string, offset: number): string {
  const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n]+?)\s*:/.exec(source.slice(offset, offset + 200))?.[1];
  return key === undefined ? 'here' : key.startsWith('"') || key.startsWith("'") ? key : `"${key}"`;
}

/** JSON.parse is stricter than YAML (trailing commas, comments, single quotes): a .json file must be JSON. */
export function checkJsonSyntax(source: string, file: string): void {
  try {
    JSON.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/at position (\d+)/.exec(message)?.[1] ?? source.length);
    const before = source.slice(0, offset).split('\n');
    const line = before.length;
    const column = (before[line - 1]?.length ?? 0) + 1;
    const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
    throw new ConfigError([{ file, line, column, path: '', message: `JSON syntax error: ${reason}` }]);
  }
}
