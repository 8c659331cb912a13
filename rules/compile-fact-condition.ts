// `{ fact: name, present | equals | in | matches | minWords }` compiled into a closure.
import type { CompiledCondition } from './compiled-condition.js';
import { compileRegex, describeRegex } from './compile-regex.js';
import { quote, quoteList } from './describe.js';
import type { CompileEnv, EvalContext } from './eval-context.js';
import { factAccessor, type FactAccessor } from './fact-accessor.js';
import { normalizeKey, normalizeText } from './normalize-text.js';
import type { FactCondition } from './rules-config.js';

type Check = (ctx: EvalContext) => boolean;

function eitherValue(acc: FactAccessor, ctx: EvalContext, ok: (normalized: string) => boolean): boolean {
  const v = acc.value(ctx);
  if (v !== undefined && ok(normalizeKey(v))) return true;
  const alt = acc.alt?.(ctx);
  return alt !== undefined && ok(normalizeKey(alt));
}

export function compileFactCondition(c: FactCondition, env: CompileEnv, where: string): CompiledCondition {
  const acc = factAccessor(c.fact, env.declared);
  const checks: Check[] = [];
  const words: string[] = [];
  if (c.present !== undefined || (c.equals ?? c.in ?? c.matches ?? c.minWords) === undefined) {
    const want = c.present ?? true;
    checks.push((ctx) => (acc.value(ctx) !== undefined) === want);
    words.push(want ? 'is present' : 'is absent');
  }
  if (c.equals !== undefined) {
    const expected = normalizeText(c.equals);
    checks.push((ctx) => eitherValue(acc, ctx, (v) => v === expected));
    words.push(`equals ${quote(c.equals)}`);
  }
  if (c.in !== undefined) {
    const allowed = new Set(c.in.map(normalizeText));
    checks.push((ctx) => eitherValue(acc, ctx, (v) => allowed.has(v)));
    words.push(`is one of ${quoteList(c.in)}`);
  }
  if (c.matches !== undefined) {
    const re = compileRegex(c.matches, where, c.caseSensitive);
    checks.push((ctx) => {
      const v = acc.value(ctx);
      return v !== undefined && re.test(v);
    });
    words.push(`matches ${describeRegex(c.matches, c.caseSensitive)}`);
  }
  if (c.minWords !== undefined) {
    const min = c.minWords;
    checks.push((ctx) => acc.words(ctx, min) >= min);
    words.push(`has at least ${min} word${min === 1 ? '' : 's'}`);
  }
  const [only] = checks;
  const test: Check = checks.length === 1 && only !== undefined ? only : (ctx) => checks.every((check) => check(ctx));
  const describe = `fact ${c.fact} ${words.join(' and ')}`;
  const saw = (ctx: EvalContext): string => {
    const v = acc.value(ctx);
    if (v === undefined) return 'nothing';
    const alt = acc.alt?.(ctx);
    const counted = c.minWords === undefined ? '' : `, ${acc.words(ctx, Infinity)} words`;
    return `${quote(v)}${alt !== undefined && alt !== v ? ` (id ${quote(alt)})` : ''} from ${acc.source(ctx)}${counted}`;
  };
  const fact = c.fact;
  return {
    test,
    // A missing fact the customer is asked for may still come, and then hold any value.
    maybe: (ctx) => (ctx.unknown.has(fact) ? undefined : test(ctx)),
    explain: (ctx) => ({ kind: 'fact', describe, saw: saw(ctx), passed: test(ctx) }),
  };
}
