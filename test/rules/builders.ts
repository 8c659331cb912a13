// Small builders for rule-engine tests: a work item, a contract and a config with sensible
// defaults, each overridable, so a test states only what it is about.
import { compileRules, type CompletenessRule, type Condition, type ContractDefinition, type CoverageRule, type Engine, type RulesConfig, type WorkItem } from '../../rules/index.js';

/** Like Partial<T>, but an explicit `undefined` removes the default (as absent optional fields). */
export type Overrides<T> = { [K in keyof T]?: T[K] | undefined };

function withoutUndefined<T>(value: object): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function workItem(overrides: Overrides<WorkItem> = {}): WorkItem {
  return withoutUndefined<WorkItem>({
    id: '1',
    subject: 'Vraag',
    description: 'Er is iets.',
    createdAt: '2026-10-05T09:00:00Z',
    organizationId: '9001',
    tags: [],
    fields: {},
    attachments: [],
    ...overrides,
  });
}

export function contractDef(overrides: Overrides<ContractDefinition> = {}): ContractDefinition {
  return withoutUndefined<ContractDefinition>({
    id: 'C-1',
    name: 'Gold 2026',
    match: { organizationIds: ['9001'] },
    level: 'gold',
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    timeZone: 'Europe/Amsterdam',
    products: [{ product: 'finance' }],
    ...overrides,
  });
}

export const reason = (en: string): { en: string; nl: string } => ({ en, nl: `nl: ${en}` });

export function rulesConfig(overrides: Partial<RulesConfig> = {}): RulesConfig {
  return {
    defaults: { timeZone: 'Europe/Amsterdam', hourlyRate: 135, currency: 'EUR', estimateHours: 2 },
    facts: {},
    contracts: [contractDef()],
    completeness: [],
    coverage: [],
    ...overrides,
  };
}

export function engineFor(overrides: Partial<RulesConfig> = {}): Engine {
  return compileRules(rulesConfig(overrides), { configHash: 'test-hash' });
}

/** An engine with one coverage rule `probe` that decides `covered` when the condition holds. */
export function probe(when: Condition, overrides: Partial<RulesConfig> = {}): (item?: Overrides<WorkItem>) => boolean {
  const rule: CoverageRule = { id: 'probe', when, verdict: 'covered', reason: reason('probe') };
  const engine = engineFor({ ...overrides, coverage: [rule] });
  return (item = {}) => engine.triage(workItem(item)).rule === 'probe';
}

/** The starter config's completeness: the product always, the version and an error or steps for a defect. */
export const DEFECT_COMPLETENESS: CompletenessRule[] = [
  { id: 'product-known', require: { fact: 'product', present: true }, missing: reason('Which product?') },
  { id: 'version-known', when: { kind: 'defect' }, require: { fact: 'version', present: true }, missing: reason('Which version?') },
  { id: 'error-or-steps', when: { kind: 'defect' }, require: { any: [{ fact: 'errorText', present: true }, { fact: 'steps', present: true }] }, missing: reason('Which error?') },
];
