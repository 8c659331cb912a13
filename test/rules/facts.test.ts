// Fact resolution: a field first, else the subject, else the description, else the default, with
// the source recorded.
import { describe, expect, it } from 'vitest';
import type { FactDefinition, FactValue, WorkItem } from '../../rules/index.js';
import { engineFor, workItem } from './builders.js';

const facts: Record<string, FactDefinition> = {
  product: {
    field: 'product',
    words: { finance: ['veldhuis finance', 'boekhouding', 'financiële administratie'], payroll: ['loonstrook', 'salarisadministratie'] },
    default: 'unknown',
  },
  version: { field: 'version', pattern: '\\b(?:versie|version|v)\\s*(\\d+\\.\\d+(?:\\.\\d+)?)' },
  ticketRef: { pattern: 'REF-\\d+', in: 'subject' },
  errorCode: { field: 'errorText', pattern: 'ERR-\\d{4}', in: 'description' },
  seats: {},
};

// Without a contract, which may take a product itself or set one aside (see catalogue.test.ts).
function resolve(item: Partial<WorkItem>): Readonly<Record<string, FactValue>> {
  return engineFor({ facts, contracts: [] }).triage(workItem(item)).facts;
}

describe('fact resolution', () => {
  it.each<[string, Partial<WorkItem>, string, FactValue | undefined]>([
    ['takes a filled field first', { fields: { product: 'payroll' }, subject: 'boekhouding' }, 'product', { value: 'payroll', source: 'field' }],
    ['skips an empty field and reads the subject', { fields: { product: '' }, subject: 'Boekhouding' }, 'product', { value: 'finance', source: 'subject' }],
    ['prefers the subject over the description', { subject: 'Loonstrook', description: 'boekhouding' }, 'product', { value: 'payroll', source: 'subject' }],
    ['reads the description when the subject has nothing', { description: 'In de Financiele Administratie…' }, 'product', { value: 'finance', source: 'description' }],
    ['falls back to the default', { subject: 'Hallo' }, 'product', { value: 'unknown', source: 'default' }],
    ['takes the first capture group of a pattern', { description: 'Wij draaien Versie 10.2.1 sinds mei' }, 'version', { value: '10.2.1', source: 'description' }],
    ['takes the whole match without a capture group', { subject: 'Re: REF-123 stuk' }, 'ticketRef', { value: 'REF-123', source: 'subject' }],
    ['honours the scope of a pattern (subject only)', { description: 'REF-123' }, 'ticketRef', undefined],
    ['honours the scope of a pattern (description only)', { subject: 'ERR-1234' }, 'errorCode', undefined],
    ['reads a field under another name', { fields: { errorText: 'Kan niet opslaan' } }, 'errorCode', { value: 'Kan niet opslaan', source: 'field' }],
    ['reads the field of its own name when none is given', { fields: { seats: 25 } }, 'seats', { value: '25', source: 'field' }],
    ['joins a multi-select field', { fields: { seats: ['a', 'b'] } }, 'seats', { value: 'a, b', source: 'field' }],
    ['leaves out a fact that is found nowhere', {}, 'seats', undefined],
  ])('%s', (_name, item, fact, expected) => {
    expect(resolve(item)[fact]).toEqual(expected);
  });

  it('finds a product or module by its canonical value, as the catalogue does, but no other fact', () => {
    const words = { finance: ['boekhouding'], payroll: ['loonstrook'] };
    const engine = engineFor({ facts: { product: { words }, area: { words } } });
    const v = engine.triage(workItem({ description: 'Finance geeft een foutmelding.' }));
    // Not the contract's only product: the text's own word.
    expect([v.facts['product'], v.facts['area']]).toEqual([{ value: 'finance', source: 'description' }, undefined]);
  });

  it('takes the value the text names first when several word lists match alike, not the first in config order', () => {
    expect(resolve({ description: 'loonstrook en boekhouding' }).product).toEqual({ value: 'payroll', source: 'description' });
    expect(resolve({ description: 'boekhouding en loonstrook' }).product).toEqual({ value: 'finance', source: 'description' });
  });

  it('takes a value named by its own name over one that only aliases point to, when they match alike', () => {
    // payroll: an alias in the subject (2) and one in the description (1); finance: its name (3).
    expect(resolve({ subject: 'Loonstrook', description: 'De salarisadministratie loopt via Finance.' }).product?.value).toBe('finance');
    // Without the name, the aliases win as before.
    expect(resolve({ subject: 'Loonstrook', description: 'De salarisadministratie loopt via de boekhouding.' }).product?.value).toBe('payroll');
  });

  it('takes the value named with a version number when several are named ("export to payroll … in Planner 4.6.1")', () => {
    const catalogue = { product: { words: { payroll: ['payroll'], planner: ['planner'] } } };
    const triage = (item: Partial<WorkItem>) => engineFor({ facts: catalogue, contracts: [] }).triage(workItem(item)).facts['product']?.value;
    expect(triage({ subject: 'Shift export to payroll drops night shifts', description: 'In Planner 4.6.1 the shift export leaves out night shifts.' })).toBe('planner');
    // One named with its version number is the one in use, however often another is named.
    expect(triage({ subject: 'Zaterdagtoeslag ontbreekt in export naar Payroll', description: 'Bij de export van Planner 4.7.1 naar Payroll ontbreekt de toeslag.' })).toBe('planner');
    // Two named with a version: the evidence decides, the version adding to each.
    expect(triage({ subject: 'Payroll webhooks twice', description: 'Since we upgraded Payroll from 3.0.4 to 3.1.0, approving in Planner 4.3 sends two.' })).toBe('payroll');
    // Without the number the subject's name (counted double) wins, as before.
    expect(triage({ subject: 'Shift export to payroll drops night shifts', description: 'In Planner the shift export leaves out night shifts.' })).toBe('payroll');
  });

  it('takes the value a form\'s line names ("Product: Regie") over one named elsewhere with its version', () => {
    const catalogue = { product: { words: { regie: ['regie'], crew: ['crew', 'crew-app'] } }, module: { words: { kassa: ['kassa'], abonnementen: ['abonnementen'] } } };
    const triage = (item: Partial<WorkItem>) => engineFor({ facts: catalogue, contracts: [] }).triage(workItem(item)).facts;
    const form = 'Product: Regie\nVersie: SP2\nOnderdeel: Abonnementen\nHet verlengen geeft een fout aan de kassa.\nP.S. de Crew-app staat bij ons op 6.11, daar merken we niks van.';
    expect(triage({ subject: 'Verlengen geeft fout', description: form })['product']?.value).toBe('regie');
    expect(triage({ subject: 'Verlengen geeft fout', description: form })['module']?.value).toBe('abonnementen');
    // Without the form's line, the name with a version number wins, as before.
    expect(triage({ subject: 'Verlengen geeft fout', description: form.replace('Product: Regie\n', 'In Regie:\n') })['product']?.value).toBe('crew');
    // A line naming two values, or none the text names elsewhere, decides nothing.
    expect(triage({ subject: 'Fout', description: 'Product: Regie of Crew\nDe Crew-app staat op 6.11 en Regie geeft een fout.' })['product']?.value).toBe('crew');
  });

  it('makes declared facts usable in conditions, with the source in the trace', () => {
    const engine = engineFor({
      facts,
      coverage: [{ id: 'finance', when: { fact: 'product', equals: 'finance' }, verdict: 'covered', reason: { en: 'x', nl: 'x' } }],
    });
    const verdict = engine.triage(workItem({ subject: 'boekhouding' }));
    expect(verdict.rule).toBe('finance');
    expect(verdict.trace.rules[0]?.condition?.saw).toBe('"finance" from subject');
  });
});
