// Fact resolution: a logical field first, else a pattern or word list over the subject and/or
// description, else the default; each value remembers where it came from. Among word lists the
// first canonical value (in config order) with a phrase in the text wins; the subject before the
// description. A scoped fact (see catalogue-facts.ts) takes its word list from the value of a fact
// resolved before it.
import { type CompileEnv, type EvalContext, fieldText, foundAny } from './eval-context.js';
import type { FactSource, FactValue } from './model.js';
import type { PhraseHits } from './phrase-index.js';
import { compileRegex } from './compile-regex.js';
import type { ScopedWords, WordList } from './catalogue-facts.js';
import { normalizeKey } from './normalize-text.js';
import type { FactDefinition } from './rules-config.js';

interface WordValue {
  readonly ids: readonly number[];
  readonly fromSubject: FactValue;
  readonly fromDescription: FactValue;
}

interface CompiledFact {
  readonly name: string;
  readonly field: string;
  readonly subject: boolean;
  readonly description: boolean;
  readonly pattern: RegExp | undefined;
  readonly words: readonly WordValue[];
  readonly scoped: { readonly by: string; readonly words: ReadonlyMap<string, readonly WordValue[]> } | undefined;
  readonly fallback: FactValue | undefined;
}

export type FactResolver = (ctx: EvalContext) => Record<string, FactValue>;

function fromPattern(re: RegExp, text: string, source: FactSource): FactValue | undefined {
  const m = re.exec(text);
  if (m === null) return undefined;
  const value = (m[1] ?? m[0]).trim();
  return value === '' ? undefined : { value, source };
}

function fromWords(words: readonly WordValue[], hits: PhraseHits, inSubject: boolean): FactValue | undefined {
  for (const w of words) if (foundAny(hits, w.ids)) return inSubject ? w.fromSubject : w.fromDescription;
  return undefined;
}

function wordsFor(f: CompiledFact, found: Readonly<Record<string, FactValue>>): readonly WordValue[] {
  if (f.scoped === undefined) return f.words;
  const by = found[f.scoped.by]?.value;
  return (by === undefined ? undefined : f.scoped.words.get(normalizeKey(by))) ?? f.words;
}

function resolveOne(f: CompiledFact, ctx: EvalContext, resolved: Readonly<Record<string, FactValue>>): FactValue | undefined {
  const value = fieldText(ctx.item.fields[f.field]);
  if (value !== undefined) return { value, source: 'field' };
  const words = wordsFor(f, resolved);
  let found: FactValue | undefined;
  if (f.pattern !== undefined) {
    if (f.subject) found = fromPattern(f.pattern, ctx.item.subject, 'subject');
    if (found === undefined && f.description) found = fromPattern(f.pattern, ctx.item.description, 'description');
  }
  if (found === undefined && words.length > 0) {
    if (f.subject) found = fromWords(words, ctx.subjectHits(), true);
    if (found === undefined && f.description) found = fromWords(words, ctx.descriptionHits(), false);
  }
  return found ?? f.fallback;
}

function compileWords(list: WordList, env: CompileEnv): WordValue[] {
  return Object.entries(list).map(([value, phrases]) => ({
    ids: phrases.map((p) => env.phrases.add(p)),
    fromSubject: { value, source: 'subject' as const },
    fromDescription: { value, source: 'description' as const },
  }));
}

function compileScoped(s: ScopedWords, env: CompileEnv): CompiledFact['scoped'] {
  // Several values (a product's id, name and aliases) share one list: compile it once.
  const compiled = new Map<WordList, readonly WordValue[]>();
  const words = new Map<string, readonly WordValue[]>();
  for (const [value, list] of s.words) {
    let w = compiled.get(list);
    if (w === undefined) compiled.set(list, (w = compileWords(list, env)));
    words.set(value, w);
  }
  return { by: s.by, words };
}

function compileFact(name: string, def: FactDefinition, env: CompileEnv, scoped: ScopedWords | undefined): CompiledFact {
  const scope = def.in ?? 'both';
  return {
    name,
    // A fact without an explicit field reads the logical field of its own name.
    field: def.field ?? name,
    subject: scope !== 'description',
    description: scope !== 'subject',
    pattern: def.pattern === undefined ? undefined : compileRegex(def.pattern, `fact "${name}" (pattern)`, def.caseSensitive),
    words: compileWords(def.words ?? {}, env),
    scoped: scoped === undefined ? undefined : compileScoped(scoped, env),
    fallback: def.default === undefined ? undefined : { value: def.default, source: 'default' },
  };
}

/** Compiles the fact definitions, in order, into one resolver that fills `ctx.facts`. */
export function compileFacts(
  defs: Readonly<Record<string, FactDefinition>>, env: CompileEnv, scoped: Readonly<Record<string, ScopedWords>> = {},
): FactResolver {
  const facts = Object.entries(defs).map(([name, def]) => compileFact(name, def, env, Object.hasOwn(scoped, name) ? scoped[name] : undefined));
  return (ctx) => {
    const out: Record<string, FactValue> = {};
    for (const f of facts) {
      const v = resolveOne(f, ctx, out);
      if (v !== undefined) out[f.name] = v;
    }
    return out;
  };
}
