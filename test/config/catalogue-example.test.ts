// examples/coverage-catalogue.yaml is coverage.yaml written with a catalogue, a named condition and a
// review reason: on every example ticket it must decide the same, or the example teaches a config
// that does something else than it says.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../connectors/config/load-config.js';
import { isInputProblem, readTickets } from '../../connectors/input/read-tickets.js';
import { compileRules, type Verdict, type WorkItem } from '../../rules/index.js';

async function exampleTickets(): Promise<WorkItem[]> {
  const { config } = await loadConfig('examples/coverage.yaml');
  const items: WorkItem[] = [];
  for await (const record of readTickets('examples/tickets', { helpdesks: config.helpdesks })) {
    if (!isInputProblem(record)) items.push(record.item);
  }
  return items;
}

const gist = (v: Verdict) => ({
  outcome: v.outcome, rule: v.rule, contract: v.contract?.state ?? null,
  product: v.facts['product']?.value, module: v.facts['module']?.value, version: v.facts['version']?.value,
  missing: v.missing.map((m) => m.id),
});

describe('examples/coverage-catalogue.yaml', () => {
  it('decides every example ticket as examples/coverage.yaml does', async () => {
    const [plain, catalogue, items] = await Promise.all([loadConfig('examples/coverage.yaml'), loadConfig('examples/coverage-catalogue.yaml'), exampleTickets()]);
    const a = compileRules(plain.config, { configHash: plain.hash });
    const b = compileRules(catalogue.config, { configHash: catalogue.hash });
    expect(items.length).toBeGreaterThan(25);
    const differences = items
      .map((item) => ({ id: item.id, plain: gist(a.triage(item)), catalogue: gist(b.triage(item)) }))
      .filter((d) => JSON.stringify(d.plain) !== JSON.stringify(d.catalogue));
    expect(differences).toEqual([]);
  });

  it('gives its own reason when no rule decides', async () => {
    const { config } = await loadConfig('examples/coverage-catalogue.yaml');
    const [item] = await exampleTickets();
    const verdict = compileRules({ ...config, coverage: [] }, { configHash: 'x' }).triage({ ...item!, fields: { product: 'finance', version: '10.1' }, description: 'een vraag over de boekhouding, met genoeg woorden om niet als te kort gezien te worden hier' });
    expect(verdict.outcome).toBe('review');
    expect(verdict.reasons[0]?.en).toBe('No rule decided; the support manager reviews your request within one working day.');
  });
});
