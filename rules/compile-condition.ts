// Compiles one `Condition` (see rules-config.ts) into closures, so that triage does no parsing.
import type { CompiledCondition } from './compiled-condition.js';
import { compileFactCondition } from './compile-fact-condition.js';
import { compileTextCondition } from './compile-text-condition.js';
import type { CompileEnv, EvalContext } from './eval-context.js';
import { quote } from './describe.js';
import type { ContractState, RequestKind } from './model.js';
import { normalizeText } from './normalize-text.js';
import type { AttachmentMatch, Condition, TagMatch } from './rules-config.js';

function combine(kind: 'all' | 'any', parts: readonly CompiledCondition[]): CompiledCondition {
  const every = kind === 'all';
  const test = (ctx: EvalContext): boolean => {
    for (let i = 0; i < parts.length; i++) if ((parts[i] as CompiledCondition).test(ctx) !== every) return !every;
    return every;
  };
  const describe = `${kind} of ${parts.length} condition${parts.length === 1 ? '' : 's'}`;
  const maybe = (ctx: EvalContext): boolean | undefined => {
    let unknown = false;
    for (const p of parts) {
      const v = p.maybe(ctx);
      if (v === !every) return !every;
      if (v === undefined) unknown = true;
    }
    return unknown ? undefined : every;
  };
  return {
    test,
    maybe,
    explain: (ctx) => {
      // The trace evaluates every child, also those the fast test skips, so a reader sees them all.
      const children = parts.map((p) => p.explain(ctx));
      const passed = every ? children.every((c) => c.passed) : children.some((c) => c.passed);
      return { kind, describe, passed, children };
    },
  };
}

function negate(part: CompiledCondition): CompiledCondition {
  return {
    test: (ctx) => !part.test(ctx),
    maybe: (ctx) => {
      const v = part.maybe(ctx);
      return v === undefined ? undefined : !v;
    },
    explain: (ctx) => {
      const child = part.explain(ctx);
      return { kind: 'not', describe: 'not', passed: !child.passed, children: [child] };
    },
  };
}

function compileTags(t: TagMatch): CompiledCondition {
  const any = (t.any ?? []).map((s) => s.toLowerCase());
  const all = (t.all ?? []).map((s) => s.toLowerCase());
  const none = (t.none ?? []).map((s) => s.toLowerCase());
  const test = (ctx: EvalContext): boolean => {
    const tags = ctx.tags();
    return (any.length === 0 || any.some((x) => tags.includes(x)))
      && all.every((x) => tags.includes(x))
      && !none.some((x) => tags.includes(x));
  };
  const parts: string[] = [];
  if (any.length > 0) parts.push(`any of ${any.join(', ')}`);
  if (all.length > 0) parts.push(`all of ${all.join(', ')}`);
  if (none.length > 0) parts.push(`none of ${none.join(', ')}`);
  const describe = `tags include ${parts.join('; ') || 'anything'}`;
  return {
    test,
    maybe: test,
    explain: (ctx) => ({ kind: 'tags', describe, saw: ctx.tags().join(', ') || 'no tags', passed: test(ctx) }),
  };
}

function compileAttachments(a: AttachmentMatch): CompiledCondition {
  const types = a.types ?? [];
  const mimePrefixes = types.filter((t) => t.includes('/')).map((t) => t.toLowerCase());
  const extensions = types.filter((t) => !t.includes('/')).map((t) => `.${t.replace(/^\./, '').toLowerCase()}`);
  const count = (ctx: EvalContext): number => {
    ctx.attachmentsRead = true;
    if (types.length === 0) return ctx.item.attachments.length;
    let n = 0;
    for (const att of ctx.item.attachments) {
      const name = att.filename.toLowerCase();
      const mime = att.contentType?.toLowerCase() ?? '';
      if (extensions.some((e) => name.endsWith(e)) || mimePrefixes.some((p) => mime.startsWith(p))) n++;
    }
    return n;
  };
  const test = (ctx: EvalContext): boolean => count(ctx) >= a.min;
  const describe = `at least ${a.min} attachment${a.min === 1 ? '' : 's'}${types.length > 0 ? ` of type ${types.join(', ')}` : ''}`;
  return {
    test,
    // Attachments asked for by a completeness rule may still come.
    maybe: (ctx) => (ctx.unknown.has('attachments') ? undefined : test(ctx)),
    explain: (ctx) => ({
      kind: 'attachments', describe, passed: test(ctx),
      saw: ctx.item.attachmentsUnread === true
        ? 'attachments not read: the decision did not need them'
        : `${ctx.item.attachments.length} attachment(s)${types.length > 0 ? `, ${count(ctx)} of those types` : ''}`,
    }),
  };
}

function compileContract(states: readonly ContractState[]): CompiledCondition {
  const test = (ctx: EvalContext): boolean => states.includes(ctx.contractState);
  const describe = states.length === 1 ? `contract is ${states[0]}` : `contract is one of ${states.join(', ')}`;
  return {
    test,
    maybe: (ctx) => {
      const possible = ctx.possibleStates;
      let some = false;
      let all = true;
      for (const s of possible) {
        if (states.includes(s)) some = true;
        else all = false;
      }
      return all ? true : some ? undefined : false;
    },
    explain: (ctx) => ({
      kind: 'contract', describe, passed: test(ctx),
      saw: ctx.contract === null ? ctx.contractState : `${ctx.contractState} (${ctx.contract.id})`,
    }),
  };
}

function compileContractLevel(levels: readonly string[]): CompiledCondition {
  const keys = levels.map(normalizeText);
  const test = (ctx: EvalContext): boolean => ctx.contract !== null && keys.includes(ctx.contract.levelKey);
  const describe = `contract level is one of ${levels.join(', ')}`;
  return {
    test,
    maybe: test,
    explain: (ctx) => ({
      kind: 'contractLevel', describe, passed: test(ctx),
      saw: ctx.contract === null ? 'no contract' : `${ctx.contract.summary.level} (${ctx.contract.id})`,
    }),
  };
}

function compileKind(kinds: readonly RequestKind[]): CompiledCondition {
  const test = (ctx: EvalContext): boolean => kinds.includes(ctx.kind.kind);
  const describe = kinds.length === 1 ? `the request is a ${kinds[0]}` : `the request is one of ${kinds.join(', ')}`;
  return {
    test,
    maybe: (ctx) => {
      const k = ctx.kind;
      if (k.certain) return test(ctx);
      const [first, second] = k.candidates;
      const a = kinds.includes(first);
      return a === kinds.includes(second) ? a : undefined;
    },
    explain: (ctx) => ({
      kind: 'kind', describe, passed: test(ctx),
      saw: `${ctx.kind.kind} (confidence ${ctx.kind.confidence}${ctx.kind.certain ? '' : `, uncertain: ${ctx.kind.candidates.join(' or ')}`}; cues ${ctx.kind.cues.join(', ') || 'none'}${ctx.kind.against === undefined ? '' : `; against it, ${ctx.kind.against.kind}: ${ctx.kind.against.cues.join(', ')}`})`,
    }),
  };
}

function reference(name: string, env: CompileEnv, where: string): CompiledCondition {
  const target = env.named?.(name);
  if (target === undefined) throw new Error(`${where}: unknown condition ${quote(name)}`);
  const describe = `condition ${quote(name)}`;
  return {
    // The fast path costs nothing extra: it is the named condition's own test.
    test: target.test,
    maybe: target.maybe,
    explain: (ctx) => {
      const child = target.explain(ctx);
      return { kind: 'condition', describe, passed: child.passed, children: [child] };
    },
  };
}

/**
 * Compiles a condition. `env` holds the declared fact names and the shared phrase index; `where`
 * names the rule for error messages (an invalid regular expression throws here, naming it).
 */
export function compileCondition(c: Condition, env: CompileEnv, where: string): CompiledCondition {
  if ('all' in c) return combine('all', c.all.map((x) => compileCondition(x, env, where)));
  if ('any' in c) return combine('any', c.any.map((x) => compileCondition(x, env, where)));
  if ('not' in c) return negate(compileCondition(c.not, env, where));
  if ('fact' in c) return compileFactCondition(c, env, where);
  if ('text' in c) return compileTextCondition(c.text, env, where);
  if ('tags' in c) return compileTags(c.tags);
  if ('attachments' in c) return compileAttachments(c.attachments);
  if ('contract' in c) return compileContract(typeof c.contract === 'string' ? [c.contract] : c.contract);
  if ('contractLevel' in c) return compileContractLevel(c.contractLevel);
  if ('kind' in c) return compileKind(typeof c.kind === 'string' ? [c.kind] : c.kind);
  if ('condition' in c) return reference(c.condition, env, where);
  throw new Error(`${where}: unknown condition ${JSON.stringify(c)}`);
}

