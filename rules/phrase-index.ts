// Whole-word phrase search for every phrase in the config at once: an Aho–Corasick automaton over
// the normalised text, fed one character at a time straight from the raw text. One pass per text
// field finds all phrases, whatever their number, without building the normalised string.
// Normalisation matches `normalizeText`: lower case, no diacritics, runs of non-letters/digits as
// one space; phrases are matched padded with spaces, so "hoe stel ik" never matches "hoe stellen".
import { foldChar, isWordChar, normalizeText } from './normalize-text.js';

/**
 * What one scan of a text found. Phrase `id` was found when
 * `marks[base + id] === mark`. The marks live in the index and are reused by the next scan of the
 * same slot (a fresh array per scan cost more than the scan itself); `isCurrent` tells whether
 * these hits are still readable.
 */
export interface PhraseHits {
  readonly marks: Float64Array;
  readonly base: number;
  readonly mark: number;
}

/** Which reusable row of marks a scan writes: one per text field of a work item. */
export type ScanSlot = 0 | 1;

export interface PhraseIndex {
  /** Registers a phrase (any text; it is normalised) and returns its id; ids are shared for equal phrases. */
  add(phrase: string): number;
  /** The normalised phrase of an id. */
  phrase(id: number): string;
  /** Scans a raw text. The automaton is built on the first scan; `add` is not allowed after that. */
  scan(text: string, slot: ScanSlot): PhraseHits;
  /** False once a later scan of the same slot has overwritten these hits' marks. */
  isCurrent(hits: PhraseHits): boolean;
}

const SEP = 0;
const OTHER = 1;
const SKIP = -1;

interface Automaton {
  /** log2 of the row width of `delta` (the symbol count rounded up to a power of two). */
  readonly shift: number;
  readonly delta: Int32Array;
  /** States from this number on end at least one phrase. */
  readonly firstOutput: number;
  readonly outputs: readonly (readonly number[] | null)[];
  readonly ascii: Int32Array;
  /**
   * `delta` composed with `ascii`: the next state for state `s` and ASCII code `c` is at
   * `(s << 7) + c`. One dependent load per character instead of two, 10–15% off the scan;
   * it costs 512 bytes per state (some 0.6 MB for the example config).
   */
  readonly asciiDelta: Int32Array;
  readonly symbolOf: ReadonlyMap<string, number>;
  /** Symbols for non-ASCII UTF-16 units, filled lazily: SKIP, one symbol, or several. */
  readonly wide: Map<number, number | readonly number[]>;
}

function foldWide(symbolOf: ReadonlyMap<string, number>, code: number): number | readonly number[] {
  // Lone surrogates (astral characters, mostly emoji) separate words.
  if (code >= 0xd800 && code <= 0xdfff) return SEP;
  const folded = foldChar(code);
  if (folded === '') return SKIP;
  const symbols = [...folded].map((ch) => (isWordChar(ch) ? symbolOf.get(ch) ?? OTHER : SEP));
  return symbols.length === 1 ? (symbols[0] as number) : symbols;
}

/** The same automaton with the states that end a phrase numbered last (the root stays 0). */
function renumbered(a: Automaton): Automaton {
  const order = a.outputs.map((_, u) => u);
  order.sort((u, v) => (a.outputs[u] === null ? 0 : 1) - (a.outputs[v] === null ? 0 : 1) || u - v);
  const newId = new Int32Array(order.length);
  order.forEach((u, i) => (newId[u] = i));
  const width = 1 << a.shift;
  const delta = new Int32Array(a.delta.length);
  order.forEach((u, i) => {
    for (let s = 0; s < width; s++) delta[i * width + s] = newId[a.delta[u * width + s] as number] as number;
  });
  const asciiDelta = new Int32Array(order.length << 7);
  for (let s = 0; s < order.length; s++) {
    for (let c = 0; c < 128; c++) asciiDelta[(s << 7) + c] = delta[(s << a.shift) + (a.ascii[c] as number)] as number;
  }
  const firstOutput = order.findIndex((u) => a.outputs[u] !== null);
  return { ...a, delta, asciiDelta, firstOutput: firstOutput < 0 ? order.length : firstOutput, outputs: order.map((u) => a.outputs[u] ?? null) };
}

function build(phrases: readonly string[]): Automaton {
  const symbolOf = new Map<string, number>();
  for (const p of phrases) for (const ch of p) if (ch !== ' ' && !symbolOf.has(ch)) symbolOf.set(ch, symbolOf.size + 2);
  const symbolCount = symbolOf.size + 2;
  const shift = Math.ceil(Math.log2(symbolCount));
  const ascii = new Int32Array(128).fill(SEP);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c).toLowerCase();
    if (/[a-z0-9]/.test(ch)) ascii[c] = symbolOf.get(ch) ?? OTHER;
  }
  // The trie of " phrase " symbol strings; `last` is the symbol that led into each node.
  const children: Map<number, number>[] = [new Map()];
  const last: number[] = [OTHER];
  const own: number[][] = [[]];
  phrases.forEach((p, id) => {
    let node = 0;
    for (const ch of ` ${p} `) {
      const sym = ch === ' ' ? SEP : (symbolOf.get(ch) as number);
      let next = children[node]?.get(sym);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        last.push(sym);
        own.push([]);
        children[node]?.set(sym, next);
      }
      node = next;
    }
    own[node]?.push(id);
  });
  const delta = new Int32Array(children.length << shift);
  const fail = new Int32Array(children.length);
  const outputs: (number[] | null)[] = own.map((ids) => (ids.length > 0 ? ids : null));
  const queue: number[] = [];
  for (let s = 0; s < symbolCount; s++) {
    const child = children[0]?.get(s) ?? 0;
    delta[s] = child;
    if (child !== 0) queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head] as number;
    const inherited = outputs[fail[u] as number];
    if (inherited) outputs[u] = [...(outputs[u] ?? []), ...inherited];
    for (let s = 0; s < symbolCount; s++) {
      const via = delta[((fail[u] as number) << shift) + s] as number;
      const child = children[u]?.get(s);
      if (child === undefined) delta[(u << shift) + s] = via;
      else {
        delta[(u << shift) + s] = child;
        fail[child] = via;
        queue.push(child);
      }
    }
  }
  // A separator after a separator changes nothing: the text is matched as if normalised, where
  // every run of separators is one space. (Phrases never hold two separators in a row.)
  for (let u = 1; u < children.length; u++) if (last[u] === SEP) delta[u << shift] = u;
  return renumbered({ shift, delta, asciiDelta: new Int32Array(0), firstOutput: 0, outputs, ascii, symbolOf, wide: new Map() });
}

/** Marks every phrase that ends in a state (only states from `firstOutput` on end any). */
function markOutputs(out: readonly number[], marks: Float64Array, base: number, mark: number): void {
  for (let k = 0; k < out.length; k++) marks[base + (out[k] as number)] = mark;
}

/** The state after a non-ASCII UTF-16 unit; one that folds into several symbols marks what each ends. */
function stepWide(a: Automaton, state: number, code: number, marks: Float64Array, base: number, mark: number): number {
  let wideSym = a.wide.get(code);
  if (wideSym === undefined) a.wide.set(code, (wideSym = foldWide(a.symbolOf, code)));
  if (typeof wideSym === 'number') return wideSym === SKIP ? state : (a.delta[(state << a.shift) + wideSym] as number);
  // Rare: a character that folds into several symbols.
  for (const sym of wideSym) {
    state = a.delta[(state << a.shift) + sym] as number;
    if (state >= a.firstOutput) markOutputs(a.outputs[state] as readonly number[], marks, base, mark);
  }
  return state;
}

/** One separator past the end closes the last word. */
function close(a: Automaton, state: number, marks: Float64Array, base: number, mark: number): void {
  const end = a.delta[state << a.shift] as number;
  if (end >= a.firstOutput) markOutputs(a.outputs[end] as readonly number[], marks, base, mark);
}

// The rare paths (a non-ASCII character, the separator past the end) live in functions of their
// own, and every phrase found is marked by one function: a statement that runs only now and then
// had no type feedback when the loop was optimised, and each time it ran V8 threw the optimised
// loop away ("insufficient type feedback"), over a thousand times in a run of 2,000 tickets, and
// ran the scan at half speed meanwhile.
function scanWith(a: Automaton, text: string, marks: Float64Array, base: number, mark: number): PhraseHits {
  const { asciiDelta, firstOutput, outputs } = a;
  let state = a.delta[SEP] as number;
  for (let i = 0, n = text.length; i < n; i++) {
    const code = text.charCodeAt(i);
    state = code < 128 ? (asciiDelta[(state << 7) + code] as number) : stepWide(a, state, code, marks, base, mark);
    // States are numbered so that exactly those that end a phrase come last.
    if (state >= firstOutput) markOutputs(outputs[state] as readonly number[], marks, base, mark);
  }
  close(a, state, marks, base, mark);
  return { marks, base, mark };
}

export function createPhraseIndex(): PhraseIndex {
  const phrases: string[] = [];
  const ids = new Map<string, number>();
  let automaton: Automaton | undefined;
  let marks = new Float64Array(0);
  // Marks only grow (exact in a double up to 2^53), so a stale mark never looks current.
  let lastMark = 0;
  const currentMark = [0, 0];
  return {
    add(phrase) {
      if (automaton !== undefined) throw new Error('phrase index: add after the first scan');
      const p = normalizeText(phrase);
      let id = ids.get(p);
      if (id === undefined) {
        id = phrases.length;
        phrases.push(p);
        ids.set(p, id);
      }
      return id;
    },
    phrase: (id) => phrases[id] ?? '',
    scan(text, slot) {
      if (automaton === undefined) {
        // An empty phrase becomes two separators in a row, which the scan never produces: it never matches.
        automaton = build(phrases);
        marks = new Float64Array(phrases.length * 2);
      }
      currentMark[slot] = ++lastMark;
      return scanWith(automaton, text, marks, slot * phrases.length, lastMark);
    },
    isCurrent: (hits) => currentMark[hits.base === 0 ? 0 : 1] === hits.mark,
  };
}
