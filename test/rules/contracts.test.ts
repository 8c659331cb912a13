// Contract resolution: which contract, valid on the ticket's local creation date in the contract's
// time zone, and its state for the product, module and version of the request.
import { describe, expect, it } from 'vitest';
import type { ContractDefinition, ContractState, WorkItem } from '../../rules/index.js';
import { contractDef, engineFor, type Overrides, workItem } from './builders.js';

const facts = { product: { field: 'product' }, module: { field: 'module' }, version: { field: 'version' } };

function resolveWith(contracts: ContractDefinition[], item: Overrides<WorkItem>) {
  return engineFor({ facts, contracts }).triage(workItem(item)).contract;
}

const stateOf = (contract: Overrides<ContractDefinition>, item: Overrides<WorkItem>): ContractState | undefined =>
  resolveWith([contractDef(contract)], item)?.state;

describe('contract dates', () => {
  const june: Overrides<ContractDefinition> = { validFrom: '2026-01-01', validUntil: '2026-06-30', timeZone: 'Europe/Amsterdam' };
  it.each<[string, Overrides<ContractDefinition>, string, ContractState]>([
    ['is active on its first local day', june, '2025-12-31T23:30:00Z', 'active'],
    ['is not yet active the local day before', june, '2025-12-31T22:30:00Z', 'not-yet-active'],
    ['is active on its last local day', june, '2026-06-30T21:59:59Z', 'active'],
    ['has expired at 23:30 UTC on its last day, already the next day in Amsterdam', june, '2026-06-30T23:30:00Z', 'expired'],
    ['reads an instant with an offset', june, '2026-07-01T01:30:00+02:00', 'expired'],
    ['is still active at 23:30 in New York on its last day', { ...june, timeZone: 'America/New_York' }, '2026-07-01T03:30:00Z', 'active'],
    ['has expired in New York from local midnight', { ...june, timeZone: 'America/New_York' }, '2026-07-01T04:00:00Z', 'expired'],
    ['is still active in London at 23:30 BST on its last day', { ...june, timeZone: 'Europe/London' }, '2026-06-30T22:30:00Z', 'active'],
    ['has expired in London one hour later', { ...june, timeZone: 'Europe/London' }, '2026-06-30T23:00:00Z', 'expired'],
    ['is London winter time (UTC) in December', { validFrom: '2026-12-01', validUntil: '2026-12-31', timeZone: 'Europe/London' }, '2026-12-31T23:30:00Z', 'active'],
    ['never expires without validUntil', { validFrom: '2026-01-01', validUntil: undefined }, '2031-03-01T12:00:00Z', 'active'],
  ])('%s', (_name, contract, createdAt, expected) => {
    expect(resolveWith([contractDef(contract)], { createdAt })?.state).toBe(expected);
  });

  it('chooses the contract whose period covers the date among an expired one and its renewal', () => {
    const old = contractDef({ id: 'C-2025-060', validFrom: '2025-10-01', validUntil: '2026-09-30' });
    const renewal = contractDef({ id: 'C-2026-061', validFrom: '2026-10-01', validUntil: '2027-09-30' });
    expect(resolveWith([old, renewal], { createdAt: '2026-09-30T22:30:00Z' })?.id).toBe('C-2026-061');
    expect(resolveWith([old, renewal], { createdAt: '2026-09-30T22:30:00Z' })?.state).toBe('active');
    expect(resolveWith([renewal, old], { createdAt: '2026-09-30T21:00:00Z' })?.id).toBe('C-2025-060');
  });

  it('takes the latest contract when none covers the date', () => {
    const a = contractDef({ id: 'A', validFrom: '2024-01-01', validUntil: '2024-12-31' });
    const b = contractDef({ id: 'B', validFrom: '2025-01-01', validUntil: '2025-12-31' });
    expect(resolveWith([b, a], { createdAt: '2026-10-05T09:00:00Z' })).toMatchObject({ id: 'B', state: 'expired' });
  });
});

describe('contract matching', () => {
  const byName = contractDef({ id: 'N', match: { organizationNames: ['Polderwater Waterschap'] } });
  const byDomain = contractDef({ id: 'D', match: { emailDomains: ['brightline.io'] } });
  const byId = contractDef({ id: 'I', match: { organizationIds: ['9001'] } });
  it.each<[string, Overrides<WorkItem>, string | undefined, string | undefined]>([
    ['by organization id first', { organizationId: '9001', organizationName: 'Polderwater Waterschap' }, 'I', 'organizationId'],
    ['by organization name, normalised', { organizationId: '9011', organizationName: 'POLDERWATER  waterschap' }, 'N', 'organizationName'],
    ['by requester e-mail domain', { organizationId: undefined, requesterEmail: 'ann@Brightline.io' }, 'D', 'emailDomain'],
    ['by a subdomain of the e-mail domain', { organizationId: undefined, requesterEmail: 'ann@mail.brightline.io' }, 'D', 'emailDomain'],
    ['not by a domain that merely ends the same', { organizationId: undefined, requesterEmail: 'ann@notbrightline.io' }, undefined, undefined],
    ['no contract at all', { organizationId: '9005', requesterEmail: 'x@hoekstra-installatie.nl' }, undefined, undefined],
  ])('finds the contract %s', (_name, item, id, matchedBy) => {
    const contract = resolveWith([byName, byDomain, byId], item);
    expect(contract?.id).toBe(id);
    expect(contract?.matchedBy).toBe(matchedBy);
  });

  it('reports state none and a null contract when nothing matches', () => {
    const verdict = engineFor({ contracts: [] }).triage(workItem());
    expect(verdict.contract).toBeNull();
    expect(verdict.trace.contract).toMatch(/^no contract matches/);
  });
});

describe('contract states for product, module and version', () => {
  const zorgpunt: Overrides<ContractDefinition> = { products: [{ product: 'finance', modules: ['ledger', 'reporting'], versions: ['10.x'] }] };
  const ranges: Overrides<ContractDefinition> = { products: [{ product: 'finance', versions: ['>=8.0 <10', '10.2', '11.*'] }] };
  it.each<[string, Overrides<ContractDefinition>, Record<string, string>, ContractState]>([
    ['active for a covered product', {}, { product: 'finance' }, 'active'],
    ['product-not-covered for another product', {}, { product: 'payroll' }, 'product-not-covered'],
    ['active when the product is unknown', {}, {}, 'active'],
    ['product names compare normalised', {}, { product: 'Finance' }, 'active'],
    ['module-not-covered for a module outside the list', zorgpunt, { product: 'finance', module: 'invoicing', version: '10.2' }, 'module-not-covered'],
    ['active for a listed module', zorgpunt, { product: 'finance', module: 'reporting', version: '10.2' }, 'active'],
    ['version-out-of-support outside a wildcard', zorgpunt, { product: 'finance', version: '9.6' }, 'version-out-of-support'],
    ['active inside a wildcard', zorgpunt, { product: 'finance', version: '10.0.3' }, 'active'],
    ['active inside a comparator range', ranges, { product: 'finance', version: '9.6' }, 'active'],
    ['out of support below a comparator range', ranges, { product: 'finance', version: '7.9' }, 'version-out-of-support'],
    ['an exact version also matches its patches', ranges, { product: 'finance', version: '10.2.4' }, 'active'],
    ['an exact version does not match its sibling', ranges, { product: 'finance', version: '10.1' }, 'version-out-of-support'],
    ['compares numerically, not as text (11.10 is in 11.*)', ranges, { product: 'finance', version: 'v11.10' }, 'active'],
    ['does not fail a version without a number', ranges, { product: 'finance', version: 'latest' }, 'active'],
    ['expiry outranks the product check', { validUntil: '2026-06-30' }, { product: 'payroll' }, 'expired'],
  ])('%s', (_name, contract, fields, expected) => {
    expect(stateOf(contract, { fields })).toBe(expected);
  });
});

describe('an upgrade from a version out of support', () => {
  const floor = contractDef({ products: [{ product: 'payroll', versions: ['>=7.2'] }] });
  const engine = engineFor({ contracts: [floor] });
  it('is covered when the version asked for is, for a new-version request', () => {
    const upgrade = engine.triage(workItem({ description: 'We lopen achter: we draaien nog Payroll 7.1.4. We willen voor de jaarwisseling naar 7.4.2. Kunnen jullie de installatie en de upgrade-instructie sturen?' }));
    expect(upgrade.facts['version']?.value).toBe('7.1.4');
    expect([upgrade.contract?.state, upgrade.kind.kind]).toEqual(['active', 'new-version']);
    expect(upgrade.trace.contract).toMatch(/the upgrade asked for, 7\.4\.2, is covered/);
  });

  it('is not applied when the kind is uncertain: the rules try both readings against one contract state', () => {
    const mixed = engine.triage(workItem({ description: 'We lopen achter: we draaien nog Payroll 7.1.4. We willen voor de jaarwisseling naar 7.4.2. Kunnen jullie de installatie en de upgrade-instructie sturen? Het afdrukken van loonstroken werkt niet meer.' }));
    expect([mixed.kind.certain, mixed.contract?.state]).toEqual([false, 'version-out-of-support']);
  });

  it('is out of support when the version asked for is, though the version in use is covered', () => {
    const tenX = engineFor({ contracts: [contractDef({ products: [{ product: 'finance', versions: ['10.x'] }] })] });
    const next = tenX.triage(workItem({ description: 'Op jullie website zag ik dat Finance 11.0 beschikbaar is. Kunnen jullie ons de download en een licentiesleutel sturen? We zitten nu op 10.3.' }));
    expect([next.facts['version']?.value, next.kind.kind, next.contract?.state]).toEqual(['10.3', 'new-version', 'version-out-of-support']);
    expect(next.trace.contract).toMatch(/the version asked for, 11\.0 of finance, is out of support/);
    const within = tenX.triage(workItem({ description: 'Finance 10.4 is out. We zitten nu op 10.3, kunnen jullie de download sturen?' }));
    expect(within.contract?.state).toBe('active');
  });

  it('is out of support for a defect in the old version, whatever is planned', () => {
    const defect = engine.triage(workItem({ description: 'Payroll 7.1.4 crasht bij het afdrukken van de loonstroken, foutmelding PAY-1001. We willen later naar 7.4.2.' }));
    expect([defect.contract?.state, defect.kind.kind]).toEqual(['version-out-of-support', 'defect']);
  });
});

describe('version checks on many tickets of one engine', () => {
  it('gives each version text its own answer, also after thousands of distinct versions', () => {
    const engine = engineFor({ facts, contracts: [contractDef({ products: [{ product: 'finance', versions: ['>=9.0 <10', '11.x'] }] })] });
    const stateFor = (version: string) => engine.triage(workItem({ fields: { product: 'finance', version } })).contract?.state;
    const versions = Array.from({ length: 2500 }, (_, i) => `${8 + (i % 5)}.${i}`);
    const expected = (v: string) => (v.startsWith('9.') || v.startsWith('11.') ? 'active' : 'version-out-of-support');
    for (const round of [1, 2]) {
      const wrong = versions.filter((v) => stateFor(v) !== expected(v));
      expect(wrong, `round ${round}`).toEqual([]);
    }
    expect(stateFor('versie 9.4')).toBe('active');
    expect(stateFor('nieuwste')).toBe('active');
    expect(stateFor('10.0')).toBe('version-out-of-support');
  });
});
