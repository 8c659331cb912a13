import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules, type WorkItem } from '../../rules/index.js';
import { loadConfig } from '../../connectors/config/load-config.js';
import { formatSummary } from '../../connectors/simulate/format-summary.js';
import { addToSummary, createSimulationSummary, DISAGREEMENTS_KEPT } from '../../connectors/simulate/simulation-summary.js';

describe('the simulation summary', () => {
  it('counts every disagreement with what people set but keeps only the ones its report shows', async () => {
    const loaded = await loadConfig(path.resolve(import.meta.dirname, '../../examples/coverage.yaml'));
    const engine = compileRules(loaded.config, { configHash: loaded.hash });
    const item: WorkItem = {
      id: '1', subject: 'Foutmelding bij opslaan', description: 'Sinds vanochtend krijgen we de foutmelding "Opslaan mislukt" bij elke factuur.',
      createdAt: '2026-10-05T08:00:00Z', tags: [], organizationId: '9001', fields: {}, attachments: [],
    };
    const verdict = engine.triage(item);
    const summary = createSimulationSummary();
    const total = DISAGREEMENTS_KEPT + 5;
    for (let i = 0; i < total; i++) {
      addToSummary(summary, { item: { ...item, id: String(i) }, verdict, source: `page.json#${i}`, observed: { category: verdict.category === 'advisory' ? 'call' : 'advisory' } }, new Map(), 'UTC');
    }
    expect([summary.compared, summary.agreed, summary.disagreed, summary.disagreements.length]).toEqual([total, 0, total, DISAGREEMENTS_KEPT]);
    const report = formatSummary(summary);
    expect(report).toContain(`Agreement with the category and status people set: 0 of ${total}`);
    expect(report).toContain(`ticket ${DISAGREEMENTS_KEPT - 1} (page.json#${DISAGREEMENTS_KEPT - 1})`);
    expect(report).not.toContain(`ticket ${DISAGREEMENTS_KEPT} (`);
    expect(report).toContain('  … and 5 more (see --format json)');
  });
});
