// `{ text: { phrases | words | regex, in } }`: whole-word matching on the normalised subject and/or
// description (each normalised once per triage), or a regular expression on the raw text.
import type { CompiledCondition } from './compiled-condition.js';
import { compileRegex } from './compile-regex.js';
import { quote, quoteList } from './describe.js';
import type { EvalContext } from './eval-context.js';
import { normalizeText } from './normalize-text.js';
import type { TextMatch } from './rules-config.js';

const SCOPE_WORDS = { subject: 'subject', description: 'description', both: 'subject or description' } as const;

function hasNeedle(padded: string, needles: readonly string[]): boolean {
  for (let i = 0; i < needles.length; i++) if (padded.includes(needles[i] as string)) return true;
  return false;
}

export function compileTextCondition(t: TextMatch, where: string): CompiledCondition {
  const scope = t.in ?? 'both';
  const inSubject = scope !== 'description';
  const inDescription = scope !== 'subject';
  const phrases = [...(t.phrases ?? []), ...(t.words ?? [])];
  // Phrases and words match the same way: as whole words on the padded normalised text.
  const needles = [...new Set(phrases.map(normalizeText).filter((p) => p !== ''))].map((p) => ` ${p} `);
  const re = t.regex === undefined ? undefined : compileRegex(t.regex, where);

  const test = (ctx: EvalContext): boolean => {
    if (needles.length > 0) {
      if (inSubject && hasNeedle(ctx.subjectPadded(), needles)) return true;
      if (inDescription && hasNeedle(ctx.descriptionPadded(), needles)) return true;
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
  if (t.regex !== undefined) parts.push(`matches /${t.regex}/i`);
  const describe = `${SCOPE_WORDS[scope]} ${parts.join(' or ') || 'matches nothing (no phrases given)'}`;

  const saw = (ctx: EvalContext): string => {
    const places: Array<['subject' | 'description', string, string]> = [];
    if (inSubject) places.push(['subject', ctx.subjectPadded(), ctx.item.subject]);
    if (inDescription) places.push(['description', ctx.descriptionPadded(), ctx.item.description]);
    for (const [place, padded] of places) {
      const hit = needles.find((n) => padded.includes(n));
      if (hit !== undefined) return `${quote(hit.trim())} in the ${place}`;
    }
    for (const [place, , raw] of places) {
      const m = re?.exec(raw);
      if (m) return `${quote(m[0])} in the ${place}`;
    }
    return 'no match';
  };
  return { test, explain: (ctx) => ({ kind: 'text', describe, saw: saw(ctx), passed: test(ctx) }) };
}
