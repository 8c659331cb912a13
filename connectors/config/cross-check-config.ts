// Checks that need more than one place in the config: duplicate ids, contracts that end before they
// start or overlap for the same organization, conditions on facts that nothing provides, products
// and modules that do not exist (check-products.ts) and named conditions (check-named-conditions.ts).
import { normalizeText } from '../../rules/index.js';
import type { Condition } from '../../rules/rules-config.js';
import { checkNamedConditions, everyCondition } from './check-named-conditions.js';
import { checkProducts } from './check-products.js';
import type { ConfigIssue } from './config-error.js';
import type { CoverageConfig } from './config-schema.js';
import type { Locator } from './create-locator.js';
import { didYouMean } from './describe-value.js';
import { formatPath } from './format-path.js';

/** Facts the engine always knows (see rules/rules-config.ts FactCondition). */
export const BUILT_IN_FACTS = ['subject', 'description', 'form', 'priority', 'channel', 'organization', 'requesterDomain', 'version', 'errorText', 'steps', 'language', 'kind'] as const;

type Path = readonly PropertyKey[];

// Compared as rules/compile-contracts.ts looks them up, so that "the same" means what the engine means.
const MATCHERS = [
  ['organizationIds', 'organization id', (v: string) => v.trim()],
  ['organizationNames', 'organization name', normalizeText],
  ['emailDomains', 'e-mail domain', (v: string) => v.trim().toLowerCase()],
] as const;

/**
 * `rulesAt` is where the completeness rules stand in the file: `['completeness']` for a list,
 * `['completeness', 'rules']` for the `{ mode, rules }` form.
 */
export function crossCheckConfig(config: CoverageConfig, file: string, locate: Locator, rulesAt: Path = ['completeness']): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: Path, message: string, related?: Path) => issues.push({
    file, ...locate(path), path: formatPath(path), message,
    ...(related !== undefined && { related: { ...locate(related), path: formatPath(related) } }),
  });

  const seen = new Map<string, Path>();
  const checkId = (id: string, path: Path, what: string, namespace: string) => {
    const first = seen.get(`${namespace}\0${id}`);
    if (first === undefined) seen.set(`${namespace}\0${id}`, path);
    else add(path, `duplicate ${what} id "${id}": ids must be unique`, first);
  };
  config.contracts.forEach((c, i) => checkId(c.id, ['contracts', i, 'id'], 'contract', 'contract'));
  // Verdicts name the deciding rule by id alone, so completeness and coverage rules share one namespace.
  config.completeness.forEach((r, i) => checkId(r.id, [...rulesAt, i, 'id'], 'rule', 'rule'));
  config.coverage.forEach((r, i) => checkId(r.id, ['coverage', i, 'id'], 'rule', 'rule'));

  const wellDated = config.contracts.map((c, i) => {
    if (c.validUntil === undefined || c.validUntil >= c.validFrom) return true;
    add(['contracts', i, 'validUntil'], `expected a date on or after validFrom ${c.validFrom}, got ${c.validUntil}`, ['contracts', i, 'validFrom']);
    return false;
  });

  // Only contracts that share a matcher value can overlap: index the values instead of comparing
  // every pair, so a config with hundreds of contracts loads fast.
  const byValue = new Map<string, number[]>();
  const candidates = config.contracts.map((c, j) => {
    const earlier = new Set<number>();
    for (const [key, , normalize] of MATCHERS) {
      for (const value of c.match[key] ?? []) {
        const slot = `${key}\0${normalize(value)}`;
        const list = byValue.get(slot) ?? byValue.set(slot, []).get(slot)!;
        for (const i of list) earlier.add(i);
        list.push(j);
      }
    }
    return [...earlier].sort((a, b) => a - b);
  });
  config.contracts.forEach((later, j) => {
    for (const i of candidates[j] ?? []) {
      const earlier = config.contracts[i];
      if (earlier === undefined || !wellDated[i] || !wellDated[j] || !datesOverlap(earlier, later)) continue;
      const shared = sharedMatcher(earlier.match, later.match);
      if (shared === undefined) continue;
      const [key, what, a, b] = shared;
      add(['contracts', j, 'match', key, b],
        `contract "${later.id}" (${span(later)}) overlaps contract "${earlier.id}" (${span(earlier)}) for the same ${what} "${later.match[key]?.[b] ?? ''}": a ticket would match both`,
        ['contracts', i, 'match', key, a]);
    }
  });

  const known = new Set<string>([
    ...BUILT_IN_FACTS,
    ...Object.keys(config.facts),
    // A catalogue provides the product and module facts.
    ...(config.products === undefined ? [] : ['product', 'module']),
    ...Object.keys(config.helpdesks.zendesk?.fields ?? {}),
    ...Object.keys(config.helpdesks.jira?.fields ?? {}),
  ]);
  const checkFacts = (condition: Condition, path: Path): void => {
    if ('all' in condition) condition.all.forEach((c, k) => checkFacts(c, [...path, 'all', k]));
    else if ('any' in condition) condition.any.forEach((c, k) => checkFacts(c, [...path, 'any', k]));
    else if ('not' in condition) checkFacts(condition.not, [...path, 'not']);
    else if ('fact' in condition && !known.has(condition.fact)) {
      add([...path, 'fact'], `unknown fact "${condition.fact}"${didYouMean(condition.fact, known)}: expected a built-in fact (${BUILT_IN_FACTS.join(', ')}), a fact declared under facts or a field under helpdesks.*.fields`);
    }
  };
  for (const [condition, path] of everyCondition(config, rulesAt)) checkFacts(condition, path);
  checkProducts(config, add);
  checkNamedConditions(config, add, rulesAt);
  return issues;
}

interface Dated {
  readonly validFrom: string;
  readonly validUntil?: string;
}

const OPEN_END = '9999-12-31';

function datesOverlap(a: Dated, b: Dated): boolean {
  return a.validFrom <= (b.validUntil ?? OPEN_END) && b.validFrom <= (a.validUntil ?? OPEN_END);
}

function span(c: Dated): string {
  return `${c.validFrom}..${c.validUntil ?? 'open-ended'}`;
}

type Match = CoverageConfig['contracts'][number]['match'];

function sharedMatcher(a: Match, b: Match): [(typeof MATCHERS)[number][0], string, number, number] | undefined {
  for (const [key, what, normalize] of MATCHERS) {
    const left = (a[key] ?? []).map(normalize);
    const right = (b[key] ?? []).map(normalize);
    for (const [bIndex, value] of right.entries()) {
      const aIndex = left.indexOf(value);
      if (aIndex >= 0) return [key, what, aIndex, bIndex];
    }
  }
  return undefined;
}
