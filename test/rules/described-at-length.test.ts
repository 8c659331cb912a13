// A customer who describes at length what happens, without an error text or steps the engine
// recognises, is not asked for them: a person decides, or only the rest is asked.
import { describe, expect, it } from 'vitest';
import { DEFECT_COMPLETENESS, contractDef, engineFor, reason, workItem } from './builders.js';

const engine = engineFor({
  facts: { product: { words: { poort: ['poort', 'poortjes', 'tourniquet'] } } },
  completeness: DEFECT_COMPLETENESS,
  coverage: [{ id: 'defect', when: { kind: 'defect' }, verdict: 'covered', reason: reason('Defect') }],
  contracts: [contractDef({ products: [{ product: 'poort' }] })],
});

// Six sentences about what goes wrong, whom it hits and what was checked; no message, no recipe.
const told = [
  'Goedemorgen,',
  '',
  'Sinds maandag openen de poortjes bij de ingang niet meer voor leden met een dalurenabonnement.',
  'Het gaat om ongeveer veertig leden, allemaal met een abonnement dat in oktober is ingegaan en nog geldig is.',
  'Leden met een gewoon abonnement komen er zonder problemen door, ook als ze op hetzelfde moment binnenkomen.',
  'Wij hebben de abonnementen van drie leden nagekeken en daar staat alles goed, inclusief de tijden waarop ze mogen sporten.',
  'De receptie laat deze leden nu met de hand binnen, maar dat houden we in het weekend niet vol.',
  '',
  'Groet,',
  'Sanne',
].join('\n');

describe('a defect described at length', () => {
  it('goes to a person instead of asking for an error text or steps, with the reason and the trace', () => {
    const v = engine.triage(workItem({ subject: 'Poortjes', description: `Versie 4.2.1.\n${told}` }));
    expect(v.outcome).toBe('review');
    expect(v.reasons[0]?.en).toContain('describes at length what happens');
    expect(v.reasons[0]?.nl).toContain('beschrijft uitgebreid wat er gebeurt');
    expect(v.trace.contract).toMatch(/described what happens in \d+ words/);
  });

  it('is still asked what else is missing, and not the error text', () => {
    const v = engine.triage(workItem({ subject: 'Poortjes', description: told }));
    expect(v.outcome).toBe('incomplete');
    expect(v.missing.map((m) => m.id)).toEqual(['version-known']);
    expect(v.notAsked).toEqual([{ id: 'error-or-steps', why: expect.stringMatching(/^described at length \(\d+ words in sentences\): not asked$/) as unknown as string }]);
  });

  it('is asked for an error text or steps when the description is short, greeting and signature aside', () => {
    const short = 'Goedemorgen,\n\nDe poortjes gaan niet open voor sommige leden. Kunnen jullie kijken?\n\nMet vriendelijke groet,\nSanne de Vries\nReceptie\nSportcentrum Het Baken\nT 033 123 45 67';
    const v = engine.triage(workItem({ subject: 'Poortjes', description: `Versie 4.2.1.\n${short}` }));
    expect([v.outcome, v.missing.map((m) => m.id)]).toEqual(['incomplete', ['error-or-steps']]);
  });
});
