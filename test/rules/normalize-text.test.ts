// Text normalisation, word counts, and the phrase index agreeing with `padded.includes`.
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../rules/index.js';
import { countWords, forEachWord, padNormalized } from '../../rules/normalize-text.js';
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

describe('forEachWord and normalizeText per character', () => {
  const words = (text: string): string[] => {
    const out: string[] = [];
    forEachWord(text, (w) => out.push(w));
    return out;
  };
  /** normalizeText by its definition, over the whole text: lower case, NFD, no marks, final sigma as sigma, separators. */
  const byDefinition = (text: string): string =>
    text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/ς/g, 'σ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  /** The words forEachWord gives and the text normalizeText gives, against the definition's. */
  const agrees = (text: string): boolean => {
    const expected = byDefinition(text);
    return normalizeText(text) === expected && words(text).join(' ') === expected;
  };

  it('read every character as the definition over the whole text does, alone and inside a word', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const c = String.fromCodePoint(cp);
      for (const text of [c, `a${c}B`, `Σ${c}`]) if (!agrees(text)) wrong.push(JSON.stringify(text));
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('agree with the definition on 20,000 generated texts of mixed case, accents, scripts and surrogates', () => {
    let seed = 11;
    const random = (): number => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
    const pieces = ['werkt', 'NIET', 'ë', 'e\u0301', '\u0301', 'İ', 'ß', 'ẞ', 'ΟΔΟΣ', 'ς', 'ﬁ', 'Ǆ', '½', '²', '한국', '🙁', '𝐀', '\ud800', '\udc00', '\u00a0', '—', ' ', '\n', '.', '-', '_', '10', 'K'];
    const wrong: string[] = [];
    for (let t = 0; t < 20_000; t++) {
      const text = Array.from({ length: Math.floor(random() * 14) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      if (!agrees(text)) wrong.push(JSON.stringify(text));
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['ASCII', ['Werkt NIET', ' ', '\n', '.', '-', '10', 'K', 'api']],
    ['mixed', ['Werkt NIET', 'ë', 'e\u0301', '한국', '𝐀', '\ud800', '\udc00', 'ß', ' ', '.', '10']],
  ])('agree with the definition on %s texts longer than the buffers they are written in', (_, pieces) => {
    for (const length of [1_000, 40_000, 200_000]) {
      const text = Array.from({ length }, (_, i) => pieces[(i * 7 + (i >> 3)) % pieces.length]).join('');
      expect(agrees(text)).toBe(true);
    }
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

  it('agrees with padded.includes on 5,000 generated texts of mixed case, accents, scripts and punctuation', () => {
    let seed = 7;
    const random = (): number => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    // Words that make up the phrases, their variants in other case and accents, and pieces that
    // fold unusually: a Hangul syllable (several symbols), İ (a letter plus a mark), a combining mark,
    // an emoji (surrogates), control and DEL characters.
    const pieces = ['werkt', 'WERKT', 'niet', 'Niet', 'meer', 'api', 'API', 'rest', 'café', 'CAFÉ', 'cafe\u0301', 'straße', 'STRAẞE',
      'ik', 'İk', 'οδος', 'ΟΔΟΣ', '10', '2', 'x', 'é', '한국', '\u0301', '🙁', ' ', ' ', '  ', '-', '.', ', ', '\n', '\u0000', '\u007f', '_', '\u00a0'];
    const words = ['werkt', 'niet', 'meer', 'api', 'rest', 'café', 'straße', 'ik', 'οδος', '10', '2', '한국', 'x'];
    const phrases = Array.from({ length: 40 }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(words)).join(pick([' ', '-', ', '])));
    const index = createPhraseIndex();
    const ids = phrases.map((p) => index.add(p));
    const wrong: string[] = [];
    for (let t = 0; t < 5000; t++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => pick(pieces)).join('');
      const hits = index.scan(text, (t % 2) as 0 | 1);
      const padded = padNormalized(text);
      phrases.forEach((p, i) => {
        const found = hits.marks[hits.base + (ids[i] as number)] === hits.mark;
        if (found !== padded.includes(` ${normalizeText(p)} `)) wrong.push(`${JSON.stringify(p)} in ${JSON.stringify(text)}`);
      });
    }
    expect(wrong).toEqual([]);
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
