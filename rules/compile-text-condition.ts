// `{ text: { phrases | words | regex, in } }`: whole-word matching of phrases and words on the
// subject and/or description through the shared phrase index (one scan per text field per triage),
// or a regular expression on the raw text. Any of the three matching is enough.
import type { CompiledCondition } from './compiled-condition.js';
import { compileRegex, describeRegex } from './compile-regex.js';
import { quote, quoteList } from './describe.js';
import { type CompileEnv, type EvalContext, foundAny } from './eval-context.js';
import type { PhraseHits } from './phrase-index.js';
import type { TextMatch } from './rules-config.js';

const SCOPE_WORDS = { subject: 'subject', description: 'description', both: 'subject or description' } as const;

export function compileTextCondition(t: TextMatch, env: CompileEnv, where: string): CompiledCondition {
  const scope = t.in ?? 'both';
  const inSubject = scope !== 'description';
  const inDescription = scope !== 'subject';
  // Phrases and words match the same way: as whole words.
  const ids = [...new Set([...(t.phrases ?? []), ...(t.words ?? [])].map((p) => env.phrases.add(p)))];
  const re = t.regex === undefined ? undefined : compileRegex(t.regex, where, t.caseSensitive);

  const test = (ctx: EvalContext): boolean => {
    if (ids.length > 0) {
      if (inSubject && foundAny(ctx.subjectHits(), ids)) return true;
      if (inDescription && foundAny(ctx.descriptionHits(), ids)) return true;
    }
    if (re !== undefined) {
      if (inSubject && re.test(ctx.item.subject)) return true;
      if (inDescription && re.test(ctx.item.description)) return true;
    }
    return false;
  };

  const parts: string[] = [];
  if (t.phrases !== undefined && t.phrases.length > 0) parts.push(`has any of the phrases ${quoteList(t.phrases)}`);
  if (t.words !== undefined && t.words.length > 0) parts.push(`has any of the words ${quoteList(t.words)}`);
  if (t.regex !== undefined) parts.push(`matches ${describeRegex(t.regex, t.caseSensitive)}`);
  const describe = `${SCOPE_WORDS[scope]} ${parts.join(' or ') || 'matches nothing (no phrases given)'}`;

  const saw = (ctx: EvalContext): string => {
    const places: Array<['subject' | 'description', () => PhraseHits, string]> = [];
    if (inSubject) places.push(['subject', () => ctx.subjectHits(), ctx.item.subject]);
    if (inDescription) places.push(['description', () => ctx.descriptionHits(), ctx.item.description]);
    for (const [place, hits] of places) {
      const hit = ids.find((id) => foundAny(hits(), [id]));
      if (hit !== undefined) return `${quote(env.phrases.phrase(hit))} in the ${place}`;
    }
    for (const [place, , raw] of places) {
      const m = re?.exec(raw);
      if (m) return `${quote(m[0])} in the ${place}`;
    }
    return 'no match';
  };
  return { test, maybe: test, explain: (ctx) => ({ kind: 'text', describe, saw: saw(ctx), passed: test(ctx) }) };
}
