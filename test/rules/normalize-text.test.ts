// Text normalisation, word counts, and the phrase index agreeing with `padded.includes`.
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../rules/index.js';
import { countWords, padNormalized } from '../../rules/normalize-text.js';
import { createPhraseIndex } from '../../rules/phrase-index.js';

describe('normalizeText', () => {
  it.each([
    ['Hoe stél ik, in Veldhuis-Finance?', 'hoe stel ik in veldhuis finance'],
    ['  FINANCIËLE   administratie\n\t', 'financiele administratie'],
    ['cafe\u0301 Ærø', 'cafe ærø'],
    ['İstanbul', 'istanbul'],
    ['ΟΔΟΣ', 'οδοσ'],
    ['versie 10.2.1', 'versie 10 2 1'],
    ['—!?', ''],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it.each([
    ['', 0],
    ['één', 1],
    ['Het grootboek — sluit niet af!', 5],
    ['cafe\u0301 open', 2],
    ['a🙁b', 2],
  ])('counts the words of %j as %i', (text, words) => {
    expect(countWords(text)).toBe(words);
    expect(normalizeText(text).split(' ').filter(Boolean)).toHaveLength(words);
  });

  it('stops counting at the limit', () => {
    expect(countWords('een twee drie vier', 2)).toBe(2);
  });
});

describe('phrase index', () => {
  const phrases = ['hoe stel ik', 'stel', 'werkt niet', 'werkt niet meer', 'api', 'rest api', 'café', 'straße', 'ik', 'οδος', '10 2'];
  const texts = [
    'Hoe stel ik de API in?',
    'HOE STÉL IK… de rest-API',
    'Het werkt niet meer sinds versie 10.2',
    'hoe stellen wij; de rapid api-koppeling',
    'cafe\u0301 aan de STRAẞE, ΟΔΟΣ',
    'werkt   niet',
    '',
    'ik',
    '🙁werkt🙁niet🙁',
  ];
  it.each(texts)('finds exactly the phrases that padded.includes finds in %j', (text) => {
    const index = createPhraseIndex();
    const ids = phrases.map((p) => index.add(p));
    const hits = index.scan(text, 1);
    const found = phrases.filter((_, i) => hits.marks[hits.base + (ids[i] as number)] === hits.mark);
    const expected = phrases.filter((p) => padNormalized(text).includes(` ${normalizeText(p)} `));
    expect(found).toEqual(expected);
  });

  it('gives equal phrases one id and never matches an empty phrase', () => {
    const index = createPhraseIndex();
    expect(index.add('Hoe stel ik')).toBe(index.add('hoe  stél ik'));
    const empty = index.add('?!');
    const hits = index.scan('?! ?!', 0);
    expect(hits.marks[hits.base + empty]).not.toBe(hits.mark);
  });

  it('reports hits overwritten by a later scan of the same slot as no longer current', () => {
    const index = createPhraseIndex();
    index.add('x');
    const first = index.scan('x', 0);
    const other = index.scan('y', 1);
    expect(index.isCurrent(first)).toBe(true);
    index.scan('z', 0);
    expect(index.isCurrent(first)).toBe(false);
    expect(index.isCurrent(other)).toBe(true);
  });
});
