// The recursive condition schema. A condition object holds exactly one kind (all, any, not, fact,
// text, tags, attachments, contract, contractLevel, condition); that is checked before the kinds are tried, so
// that "two kinds" and "no kind" get their own message instead of a union's list of failures.
import * as z from 'zod';
import type { ContractState, RequestKind } from '../../rules/model.js';
import type { Condition } from '../../rules/rules-config.js';
import { describeValue, didYouMean } from './describe-value.js';
import {
  booleanSchema, expected, FACT_NAME, factNameSchema, list, regexSchema, text, wholeNumber,
} from './scalar-schemas.js';

export const CONDITION_KINDS = [
  'all', 'any', 'not', 'fact', 'text', 'tags', 'attachments', 'contract', 'contractLevel', 'kind', 'condition',
] as const;

export const REQUEST_KINDS = ['defect', 'how-to', 'own-implementation', 'feature-request', 'new-version', 'other'] as const satisfies readonly RequestKind[];

export const requestKindSchema = z.enum(REQUEST_KINDS, {
  error: (issue) => `expected a request kind (${REQUEST_KINDS.join(', ')}), got ${describeValue(issue.input)}${typeof issue.input === 'string' ? didYouMean(issue.input, REQUEST_KINDS) : ''}`,
});

export type ConditionKind = (typeof CONDITION_KINDS)[number];

export const FACT_OPERATORS = ['present', 'equals', 'in', 'matches', 'minWords'] as const;

export const CONTRACT_STATES = [
  'none', 'not-yet-active', 'expired', 'product-not-covered', 'module-not-covered', 'version-out-of-support', 'active',
] as const satisfies readonly ContractState[];

/** The message of the union issue that the config loader replaces by the chosen kind's own issues. */
export const CONDITION_UNION_MESSAGE = 'expected a condition';

const KIND_LIST = CONDITION_KINDS.join(', ');

export const textScopeSchema = z.enum(['subject', 'description', 'both'], {
  error: (issue) => `expected subject, description or both, got ${describeValue(issue.input)}`,
});

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkOneKind(value: unknown, ctx: z.RefinementCtx): unknown {
  if (!isMapping(value)) {
    ctx.addIssue({ code: 'custom', input: value, message: `expected a condition (a mapping with one of ${KIND_LIST}), got ${describeValue(value)}` });
    return value;
  }
  const keys = Object.keys(value);
  const kinds = keys.filter((key) => (CONDITION_KINDS as readonly string[]).includes(key));
  if (kinds.length === 0) {
    const first = keys[0];
    const got = first === undefined ? 'an empty mapping' : `"${first}"${didYouMean(first, CONDITION_KINDS)}`;
    ctx.addIssue({ code: 'custom', input: value, message: `expected a condition with one of ${KIND_LIST}, got ${got}` });
  } else if (kinds.length > 1) {
    ctx.addIssue({
      code: 'custom',
      input: value,
      path: [kinds[1] ?? ''],
      message: `a condition has exactly one kind, got ${kinds.map((k) => `"${k}"`).join(' and ')}: combine them with all: [...] or any: [...]`,
    });
  }
  return value;
}

const stringList = (what: string, min = 1) => list(text(what), `a list of ${what}s`, min);

/** Names under `conditions`, referenced as `{ condition: name }`. */
export const conditionNameSchema = text('a condition name').regex(FACT_NAME, {
  error: (issue) => `expected a condition name of letters, digits, _ and - (such as urgent-defect), got ${describeValue(issue.input)}`,
});

/** `caseSensitive` only changes a regular expression: say so rather than let it look like it works. */
function caseSensitiveNeeds(operator: string, others: string) {
  return (value: { caseSensitive?: boolean | undefined } & Record<string, unknown>, ctx: z.RefinementCtx): void => {
    if (value.caseSensitive !== undefined && value[operator] === undefined) {
      ctx.addIssue({ code: 'custom', input: value, path: ['caseSensitive'], message: `caseSensitive applies to ${operator} only: ${others} always ignore case` });
    }
  };
}

function branches(condition: z.ZodType<Condition>) {
  const factCondition = z.strictObject({
    fact: factNameSchema,
    present: booleanSchema.exactOptional(),
    equals: text('a text to compare with').exactOptional(),
    in: stringList('value').exactOptional(),
    matches: regexSchema.exactOptional(),
    minWords: wholeNumber('a whole number of words, 1 or more', 1).exactOptional(),
    caseSensitive: booleanSchema.describe('matches tells upper from lower case (default false).').exactOptional(),
  }).superRefine(caseSensitiveNeeds('matches', 'equals and in')).superRefine((value, ctx) => {
    const operators = FACT_OPERATORS.filter((op) => value[op] !== undefined);
    if (operators.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        input: value,
        message: operators.length === 0
          ? `a fact condition needs exactly one operator (${FACT_OPERATORS.join(', ')}), got none`
          : `a fact condition needs exactly one operator (${FACT_OPERATORS.join(', ')}), got ${operators.join(' and ')}`,
      });
    }
  });

  const textMatch = z.strictObject({
    in: textScopeSchema.exactOptional(),
    phrases: stringList('phrase').exactOptional(),
    words: stringList('word').exactOptional(),
    regex: regexSchema.exactOptional(),
    caseSensitive: booleanSchema.describe('regex tells upper from lower case (default false).').exactOptional(),
  }, { error: expected('a text match, { phrases: [...] }, { words: [...] } or { regex: ... }') }).superRefine(caseSensitiveNeeds('regex', 'phrases and words')).superRefine((value, ctx) => {
    if (value.phrases === undefined && value.words === undefined && value.regex === undefined) {
      ctx.addIssue({ code: 'custom', input: value, message: 'a text condition needs phrases, words or regex' });
    }
  });

  const tagMatch = z.strictObject({
    any: stringList('tag').exactOptional(),
    all: stringList('tag').exactOptional(),
    none: stringList('tag').exactOptional(),
  }, { error: expected('a tag match, { any: [...] }, { all: [...] } or { none: [...] }') }).superRefine((value, ctx) => {
    if (value.any === undefined && value.all === undefined && value.none === undefined) {
      ctx.addIssue({ code: 'custom', input: value, message: 'a tags condition needs any, all or none' });
    }
  });

  const attachmentMatch = z.strictObject({
    min: wholeNumber('a whole number of attachments, 0 or more', 0),
    types: stringList('file extension or MIME type prefix').exactOptional(),
  }, { error: expected('an attachment match, { min: 1, types: [...] }') });

  const contractState = z.enum(CONTRACT_STATES, {
    error: (issue) => `expected a contract state (${CONTRACT_STATES.join(', ')}), got ${describeValue(issue.input)}`,
  });

  const conditions = list(condition, 'a list of conditions', 1);

  return [
    z.strictObject({ all: conditions }),
    z.strictObject({ any: conditions }),
    z.strictObject({ not: condition }),
    factCondition,
    z.strictObject({ text: textMatch }),
    z.strictObject({ tags: tagMatch }),
    z.strictObject({ attachments: attachmentMatch }),
    z.strictObject({
      contract: z.union([contractState, list(contractState, 'a list of contract states', 1)], {
        error: expected(`a contract state (${CONTRACT_STATES.join(', ')}) or a list of them`),
      }),
    }),
    z.strictObject({ contractLevel: stringList('contract level') }),
    z.strictObject({
      kind: z.union([requestKindSchema, list(requestKindSchema, 'a list of request kinds', 1)], {
        error: expected(`a request kind (${REQUEST_KINDS.join(', ')}) or a list of them`),
      }),
    }),
    z.strictObject({ condition: conditionNameSchema.describe('The name of a condition declared under conditions.') }),
  ] as const;
}

// The preprocess stays outside the lazy so that JSON Schema sees a required key as required.
export const conditionSchema: z.ZodType<Condition> = z.preprocess(
  checkOneKind,
  z.lazy(() => z.union(branches(conditionSchema), { error: CONDITION_UNION_MESSAGE })),
).meta({ id: 'Condition', description: `Exactly one of ${KIND_LIST}.` });
