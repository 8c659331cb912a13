// How a vendor InScope was not tuned on writes its versions: product names with accents, a lone
// "3.13.2" in a field of its own, two versions read as surely as each other, and references to the
// vendor's own Jira issues that look like message codes.
import { describe, expect, it } from 'vitest';
import { findErrorText, findVersion } from '../../rules/builtin-facts.js';
import { compileKindClassifier } from '../../rules/classify-kind.js';
import { contractDef, engineFor, reason, workItem } from './builders.js';

describe('findVersion on a new vendor\'s text', () => {
  it('finds the number after a product name written with accents or a hyphen', () => {
    expect(findVersion('Sinds de update naar Vonk Röntgen 6.4 zijn de foto\'s gespiegeld', ['vonk rontgen'], ['vonk rontgen']).value).toBe('6.4');
    expect(findVersion('Our Veldhuis-Finance 9.4 install', ['veldhuis finance'], ['veldhuis finance']).value).toBe('9.4');
  });

  it('takes a lone three-part number of a known product as its version', () => {
    expect(findVersion('App: 3.13.2 (build 893), Android 14.', ['akker veld'], ['akker veld']).value).toBe('3.13.2');
  });

  it('does not, when the product is unknown, the customer says "the latest", or the number is another maker\'s', () => {
    expect(findVersion('App: 3.13.2 (build 893)', [], ['akker veld']).value).toBeUndefined();
    const claimed = findVersion('App 3.13.2 op de tablet; de server staat op de laatste versie', ['akker veld'], ['akker veld']);
    expect([claimed.value, claimed.claimed]).toEqual([undefined, 'de laatste versie']);
    expect(findVersion('The clients run .NET 4.8.1 and Chrome', ['akker veld'], ['akker veld']).value).toBeUndefined();
    expect(findVersion('BK1-PC     11 Pro 23H2     4.8.1     ja', ['akker veld'], ['akker veld']).value).toBeUndefined();
    // Two plain numbers: neither is singled out.
    expect(findVersion('3.13.2 on one tablet, 3.14.0 on the other', ['akker veld'], ['akker veld']).value).toBeUndefined();
  });

  it('names a rival when two numbers are read as surely, and none when one is read more surely', () => {
    const two = findVersion('De box (firmware 4.03) start opnieuw op; de andere boxen (4.07) niet.', ['firmware', 'boxen'], ['firmware', 'boxen']);
    expect([two.value, two.rival]).toEqual(['4.07', '4.03']);
    const one = findVersion('In het DC draaien we nog Voorraad 5.9 (de winkels zitten al op 6.3).', ['voorraad'], ['voorraad']);
    expect([one.value, one.rival]).toEqual(['5.9', undefined]);
    expect(findVersion('Finance 9.4 (9.4.1 according to Help > About)', ['finance'], ['finance']).rival).toBeUndefined();
  });
});

describe('a reference to another issue of the same Jira project', () => {
  it('is not an error text, while another prefix still is', () => {
    expect(findErrorText('Wat is de status van VNK-106? Ik heb niks meer gehoord.', 'VNK-125')).toBeUndefined();
    expect(findErrorText('Wat is de status van VNK-106?')).toContain('VNK-106');
    expect(findErrorText('Melding LSP-0420 Ongeldig BSN, zie ook VNK-106', 'VNK-101')).toContain('LSP-0420');
  });
});

describe('request kinds on a new vendor\'s text', () => {
  it('reads a question about an earlier request\'s progress as another kind of request', () => {
    const classify = compileKindClassifier(undefined, [], null);
    const v = classify({ subject: 'Re: declaraties afgekeurd', body: 'Wat is de status van mijn ticket over de declaraties? Ik heb nog niks gehoord.', hasErrorText: false, hasSteps: false, hasVersion: false, errorText: undefined });
    expect(v.kind).toBe('other');
  });

  it('reads "send us Veld 3.14.0" as a request for a version, by the last word of the product\'s name', () => {
    const classify = compileKindClassifier(undefined, ['Akker Veld'], null);
    const v = classify({ subject: 'apk', body: 'Kunnen jullie Akker Veld 3.14.0 als APK-bestand sturen?', hasErrorText: false, hasSteps: false, hasVersion: true, errorText: undefined });
    expect(v.cues).toContain('(asks for a version)');
  });
});

describe('two versions read as surely, which the contract treats differently', () => {
  const engine = engineFor({
    facts: { product: { words: { box: ['box', 'boxen', 'firmware'] } } },
    completeness: [{ id: 'version-known', require: { fact: 'version', present: true }, missing: reason('Which version?') }],
    coverage: [
      { id: 'outside', when: { contract: 'version-out-of-support' }, verdict: 'advisory', reason: reason('Outside') },
      { id: 'defect', when: { contract: 'active' }, verdict: 'covered', reason: reason('Defect') },
    ],
    contracts: [contractDef({ products: [{ product: 'box', versions: ['>=4.05'] }] })],
  });
  it('go to a person, who is told which two', () => {
    const v = engine.triage(workItem({ description: 'De box (firmware 4.03) start om de 20 minuten opnieuw op met BOX-E02; de andere boxen (4.07) niet.' }));
    expect(v.outcome).toBe('review');
    expect(v.reasons[0]?.nl).toContain('de versie 4.07 of 4.03');
  });
});
