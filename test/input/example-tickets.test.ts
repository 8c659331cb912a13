// The example tickets get the outcome examples/tickets/README.md promises, under examples/coverage.yaml.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type LoadedConfig } from '../../connectors/config/load-config.js';
import { isInputProblem, readTickets, type InputProblem, type TicketRecord } from '../../connectors/input/read-tickets.js';
import { compileRules, type Engine } from '../../rules/index.js';

const root = new URL('../../', import.meta.url).pathname;

// ticket → [outcome, status, deciding rule, contract id]
const intended: Record<string, [string, string, string | null, string | null]> = {
  '48201': ['covered', 'approved', 'defect', 'C-2026-001'],
  '48202': ['covered', 'approved', 'urgent-defect-gold', 'C-2026-001'],
  '48203': ['advisory', 'new', 'how-to-question', 'C-2025-014'],
  '48204': ['advisory', 'new', 'version-out-of-support', 'C-2025-014'],
  '48205': ['advisory', 'new', 'contract-expired', 'C-2024-007'],
  '48206': ['covered', 'approved', 'urgent-defect-gold', 'C-2026-022'],
  '48207': ['advisory', 'new', 'how-to-question', 'C-2026-022'],
  '48208': ['advisory', 'new', 'product-not-covered', 'C-2026-022'],
  '48209': ['advisory', 'new', 'no-contract', null],
  '48210': ['advisory', 'new', 'module-not-covered', 'C-2026-031'],
  '48211': ['covered', 'new', 'defect', 'C-2026-031'],
  '48212': ['covered', 'new', 'defect', 'C-2026-040'],
  '48213': ['advisory', 'new', 'own-implementation', 'C-2026-040'],
  '48214': ['advisory', 'new', 'contract-not-yet-active', 'C-2026-052'],
  '48215': ['advisory', 'new', 'contract-not-yet-active', 'C-2026-052'],
  '48216': ['covered', 'new', 'defect', 'C-2026-061'],
  '48217': ['covered', 'approved', 'urgent-defect-gold', 'C-2026-061'],
  '48218': ['advisory', 'new', 'version-out-of-support', 'C-2026-070'],
  '48219': ['review', 'new', null, 'C-2026-070'],
  '48220': ['covered', 'new', 'defect', 'C-2026-075'],
  '48221': ['covered', 'new', 'defect', 'C-2026-075'],
  '48222': ['covered', 'new', 'defect', 'C-2026-080'],
  '48223': ['advisory', 'new', 'how-to-question', 'C-2026-080'],
  '48224': ['incomplete', 'new', 'product-known', 'C-2026-001'],
  '48225': ['advisory', 'new', 'own-implementation', 'C-2025-014'],
  '48226': ['covered', 'new', 'defect', 'C-2026-061'],
  '48227': ['advisory', 'new', 'how-to-question', 'C-2026-075'],
  '48228': ['covered', 'new', 'defect', 'C-2025-014'],
  '48229': ['advisory', 'new', 'version-out-of-support', 'C-2026-022'],
  '48230': ['advisory', 'new', 'how-to-question', 'C-2026-040'],
  '48231': ['advisory', 'new', 'product-not-covered', 'C-2026-080'],
  '48232': ['advisory', 'new', 'no-contract', null],
  '48233': ['advisory', 'new', 'contract-expired', 'C-2024-007'],
  '48234': ['covered', 'new', 'defect', 'C-2025-014'],
  'MAIL-2026-1101': ['covered', 'new', 'defect', 'C-2026-075'],
  'MAIL-2026-1102': ['covered', 'approved', 'defect', 'C-2026-022'],
  'MAIL-2026-1103': ['advisory', 'new', 'product-not-covered', 'C-2026-070'],
};

// What was missing but not asked, because the contract decides advisory whatever it is.
const notAsked: Record<string, string[]> = {
  '48215': ['version-known', 'error-text-given'],
  '48233': ['module-known', 'version-known', 'error-text-given'],
};

const missing: Record<string, string[]> = {
  '48224': ['product-known', 'version-known', 'error-text-given'],
};

let loaded: LoadedConfig;
let engine: Engine;
const records = new Map<string, TicketRecord>();
const problems: InputProblem[] = [];

beforeAll(async () => {
  loaded = await loadConfig(`${root}examples/coverage.yaml`);
  engine = compileRules(loaded.config, { configHash: loaded.hash });
  for await (const result of readTickets(`${root}examples/tickets`, { helpdesks: loaded.config.helpdesks })) {
    if (isInputProblem(result)) problems.push(result);
    else records.set(result.item.id, result);
  }
});

describe('the example tickets', () => {
  it('never asks a customer whose contract is not active for a version or an error text', () => {
    for (const id of Object.keys(notAsked)) expect(intended[id]?.[0]).toBe('advisory');
  });

  it('are all read without problems, and each has an intended outcome', () => {
    expect(problems).toEqual([]);
    expect([...records.keys()].sort()).toEqual(Object.keys(intended).sort());
  });

  it.each(Object.entries(intended))('ticket %s gets the outcome its README row promises', (id, [outcome, status, rule, contract]) => {
    const verdict = engine.triage(records.get(id)!.item);
    expect([verdict.outcome, verdict.status, verdict.rule, verdict.contract?.id ?? null]).toEqual([outcome, status, rule, contract]);
    if (outcome === 'incomplete') expect(verdict.missing.map((m) => m.id)).toEqual(missing[id]);
    expect(verdict.proposal !== null).toBe(outcome === 'advisory');
    // Missing items that could not change an advisory outcome are not asked, and the verdict says so.
    if (id in notAsked) expect(verdict.notAsked.map((n) => n.id)).toEqual(notAsked[id]);
  });

  it('carry what people set on nine tickets, three of which disagree with the rules', () => {
    const compared = [...records.values()].filter((r) => r.observed?.category !== undefined);
    const disagree = compared.filter((r) => r.observed?.category !== engine.triage(r.item).category).map((r) => r.item.id);
    expect(compared).toHaveLength(9);
    expect(disagree.sort()).toEqual(['48203', '48205', '48228']);
  });
});
