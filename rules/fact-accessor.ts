// How a condition reads a named fact: declared facts first, then the built-in facts, then any
// logical field of the work item under that name.
import { type EvalContext, fieldText } from './eval-context.js';
import { countWords } from './normalize-text.js';

export interface FactAccessor {
  /** The fact's text, or undefined when it is absent or empty. */
  value(ctx: EvalContext): string | undefined;
  /** A second value that `equals` and `in` also accept (an organization's id besides its name). */
  readonly alt?: (ctx: EvalContext) => string | undefined;
  /** Number of words in the value, counting no further than `limit`. */
  words(ctx: EvalContext, limit: number): number;
  /** Where the value came from, for the trace. */
  source(ctx: EvalContext): string;
}

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s.trim() === '' ? undefined : s);

function simple(value: (ctx: EvalContext) => string | undefined, source: string): FactAccessor {
  return {
    value,
    words: (ctx, limit) => countWords(value(ctx) ?? '', limit),
    source: () => source,
  };
}

const builtIns: Readonly<Record<string, FactAccessor>> = {
  subject: { value: (ctx) => nonEmpty(ctx.item.subject), words: (ctx, limit) => countWords(ctx.item.subject, limit), source: () => 'subject' },
  description: {
    value: (ctx) => nonEmpty(ctx.item.description),
    words: (ctx, limit) => countWords(ctx.item.description, limit),
    source: () => 'description',
  },
  form: simple((ctx) => nonEmpty(ctx.item.form), 'form'),
  priority: simple((ctx) => nonEmpty(ctx.item.priority), 'priority'),
  channel: simple((ctx) => nonEmpty(ctx.item.channel), 'channel'),
  organization: {
    ...simple((ctx) => nonEmpty(ctx.item.organizationName) ?? nonEmpty(ctx.item.organizationId), 'organization'),
    alt: (ctx) => nonEmpty(ctx.item.organizationId),
  },
  requesterDomain: simple((ctx) => {
    const email = ctx.item.requesterEmail;
    const at = email === undefined ? -1 : email.lastIndexOf('@');
    return at < 0 ? undefined : nonEmpty(email?.slice(at + 1).toLowerCase());
  }, 'requester e-mail'),
};

export function factAccessor(name: string, declared: ReadonlySet<string>): FactAccessor {
  if (declared.has(name)) {
    return {
      value: (ctx) => ctx.fact(name)?.value,
      words: (ctx, limit) => countWords(ctx.fact(name)?.value ?? '', limit),
      source: (ctx) => ctx.fact(name)?.source ?? 'nowhere',
    };
  }
  const builtIn = Object.hasOwn(builtIns, name) ? builtIns[name] : undefined;
  if (builtIn !== undefined) return builtIn;
  return simple((ctx) => fieldText(ctx.item.fields[name]), `field ${name}`);
}
