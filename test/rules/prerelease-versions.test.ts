// Release candidates, betas and previews: covered by their number, but whether a contract covers
// a pre-release at all is the vendor's word (products[].prereleases), so without it a person decides.
import { describe, expect, it } from 'vitest';
import { findVersion } from '../../rules/builtin-facts.js';
import { prereleaseOf } from '../../rules/version-range.js';
import type { RulesConfig } from '../../rules/index.js';
import { contractDef, engineFor, reason, workItem } from './builders.js';

const podium = ['podium'];

describe('a pre-release part written after the version', () => {
  it('is kept in the version read, in one form', () => {
    expect(findVersion('Sinds gisteren draait Podium 5.4.0-rc.1 op de testserver', podium, podium).value).toBe('5.4.0-rc.1');
    expect(findVersion('Podium 5.4 RC1 geeft een fout bij het openen', podium, podium).value).toBe('5.4-rc.1');
    expect(findVersion('We run Podium 4.13.0-beta.2 on two tablets', podium, podium).value).toBe('4.13.0-beta.2');
    expect(findVersion('Podium 10.7 preview.', podium, podium).value).toBe('10.7-preview');
    expect(findVersion('Podium 4.7-pre', podium, podium).value).toBe('4.7-pre');
  });

  it('is not read from a word that only follows the number', () => {
    // "preview run" is a test run of a report, "beta testers" people.
    expect(findVersion('Podium 7.1.5 preview run: reservation € 112.48', podium, podium).value).toBe('7.1.5');
    expect(findVersion('Podium 5.4 beta testers report it too', podium, podium).value).toBe('5.4');
    expect(findVersion('Podium 5.4.0, released last week', podium, podium).value).toBe('5.4.0');
  });

  it('is what prereleaseOf returns, and a release has none', () => {
    expect(prereleaseOf('5.4.0-rc.1')).toBe('rc.1');
    expect(prereleaseOf('10.7-preview')).toBe('preview');
    expect(prereleaseOf('5.4.0')).toBeUndefined();
    expect(prereleaseOf('2026.2')).toBeUndefined();
  });
});

describe('a contract covering a range of versions and a pre-release inside it', () => {
  const config = (prereleases?: 'covered' | 'not-covered'): Partial<RulesConfig> => ({
    products: [{ id: 'podium', ...(prereleases !== undefined && { prereleases }) }],
    completeness: [{ id: 'version-known', require: { fact: 'version', present: true }, missing: reason('Which version?') }],
    coverage: [
      { id: 'outside', when: { contract: 'version-out-of-support' }, verdict: 'advisory', reason: reason('Outside') },
      { id: 'defect', when: { contract: 'active' }, verdict: 'covered', reason: reason('Defect') },
    ],
    contracts: [contractDef({ products: [{ product: 'podium', versions: ['>=5.2'] }] })],
  });
  const rc = workItem({ description: 'Podium 5.4.0-rc.1 sluit af bij het openen van de zaalplanning.' });
  const release = workItem({ description: 'Podium 5.4.0 sluit af bij het openen van de zaalplanning.' });
  const old = workItem({ description: 'Podium 5.1.0-rc.2 sluit af bij het openen van de zaalplanning.' });

  it('goes to a person when the catalogue does not say, with the reason', () => {
    const engine = engineFor(config());
    const v = engine.triage(rc);
    expect(v.outcome).toBe('review');
    expect(v.reasons[0]?.en).toContain('pre-release version (5.4.0-rc.1)');
    expect(v.reasons[0]?.nl).toContain('voorlopige versie (5.4.0-rc.1)');
    expect(v.trace.contract).toContain('is a pre-release inside the contract\'s range');
    // The release itself, and a pre-release of a version outside the range, are decided as before.
    expect(engine.triage(release).outcome).toBe('covered');
    expect(engine.triage(old).outcome).toBe('advisory');
  });

  it('is covered or not as the catalogue says', () => {
    expect(engineFor(config('covered')).triage(rc).outcome).toBe('covered');
    const refused = engineFor(config('not-covered')).triage(rc);
    expect([refused.outcome, refused.rule]).toEqual(['advisory', 'outside']);
    expect(engineFor(config('not-covered')).triage(release).outcome).toBe('covered');
  });
});
