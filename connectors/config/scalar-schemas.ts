// Schemas for the config's small values (dates, time zones, regexes, version ranges, currencies,
// bilingual texts), each with a message that says what was expected and what was found.
import * as z from 'zod';
import { describeValue, didYouMean } from './describe-value.js';

type RawIssue = z.core.$ZodRawIssue;

/**
 * A schema-level message for a value of the wrong type: "required: expected X" or "expected X, got Y".
 * Other issues (unknown keys…) fall through to the loader's error map.
 */
export function expected(what: string): (issue: RawIssue) => string | undefined {
  return (issue) => {
    if (issue.code !== 'invalid_type' && issue.code !== 'invalid_union') return undefined;
    if (issue.input === undefined) return `required: expected ${what}`;
    // YAML reads 10.2 as a number (and 10.10 as 10.1): a version or an id must be quoted.
    const hint = typeof issue.input === 'number' && issue.expected === 'string' ? ', put it in quotes' : '';
    return `expected ${what}, got ${describeValue(issue.input)}${hint}`;
  };
}

/** A non-empty string; `what` names it in messages. */
export function text(what = 'a text'): z.ZodString {
  return z.string({ error: expected(what) }).min(1, { error: `expected ${what}, got an empty text` });
}

/** A string that must also pass `valid`, which returns null when it is, else why it is not. */
function checkedText(what: string, valid: (value: string) => string | null) {
  return z.string({ error: expected(what) }).superRefine((value, ctx) => {
    const why = valid(value);
    if (why !== null) ctx.addIssue({ code: 'custom', message: why, input: value });
  });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const dateSchema = checkedText('a date YYYY-MM-DD', (value) =>
  isRealDate(value) ? null : `expected a date YYYY-MM-DD, got ${describeValue(value)}`);

let timeZones: readonly string[] | undefined;

// Building an Intl formatter costs most of a millisecond; a config with hundreds of contracts
// names a handful of zones.
const timeZoneChecks = new Map<string, boolean>();

export function isTimeZone(value: string): boolean {
  let known = timeZoneChecks.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    timeZoneChecks.set(value, known);
  }
  return known;
}

export const timeZoneSchema = checkedText('an IANA time zone such as Europe/Amsterdam', (value) => {
  if (isTimeZone(value)) return null;
  timeZones ??= Intl.supportedValuesOf('timeZone');
  return `expected an IANA time zone such as Europe/Amsterdam, got ${describeValue(value)}${didYouMean(value, timeZones)}`;
});

/**
 * Why a regular expression does not compile, or null. The engine (rules/compile-regex.ts) compiles
 * case-insensitively, with or without Unicode mode, whichever accepts the pattern.
 */
export function regexProblem(source: string): string | null {
  try {
    new RegExp(source, 'i');
    return null;
  } catch (error) {
    try {
      new RegExp(source, 'iu');
      return null;
    } catch {
      // V8: "Invalid regular expression: /(a/i: Unterminated group" → "Unterminated group".
      const reason = (error as Error).message.replace(/^.*: /, '');
      return `invalid regular expression ${JSON.stringify(source)}: ${reason}`;
    }
  }
}

export const regexSchema = checkedText('a regular expression', regexProblem);

// The syntax that rules/version-range.ts accepts: `9.2`, `9.x`, `9.*`, `>=8.0 <10`.
const VERSION_WILDCARD = /^\d+(?:\.\d+)*\.[x*]$/i;
const VERSION_COMPARATOR = /^(?:>=|<=|>|<|=)?\d+(?:\.\d+)*(?:\.[x*])?$/i;

export function isVersionRange(value: string): boolean {
  const spec = value.trim();
  if (VERSION_WILDCARD.test(spec)) return true;
  return spec !== '' && spec.split(/\s+/).every((token) => VERSION_COMPARATOR.test(token));
}

const VERSION_EXPECTED = 'a version such as "9.2", "9.x" or ">=8.0 <10"';

export const versionRangeSchema = checkedText(VERSION_EXPECTED, (value) =>
  isVersionRange(value) ? null : `expected ${VERSION_EXPECTED}, got ${describeValue(value)}`);

export const currencySchema = checkedText('a currency code of 3 capital letters such as EUR', (value) =>
  /^[A-Z]{3}$/.test(value) ? null : `expected a currency code of 3 capital letters such as EUR, got ${describeValue(value)}`);

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

export const emailDomainSchema = checkedText('an e-mail domain such as example.com', (value) =>
  DOMAIN.test(value) ? null : `expected an e-mail domain such as example.com (without "@"), got ${describeValue(value)}`);

export const emailSchema = checkedText('an e-mail address', (value) =>
  /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? null : `expected an e-mail address, got ${describeValue(value)}`);

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export const idSchema = checkedText('an id', (value) =>
  ID.test(value) ? null : `expected an id of letters, digits and . _ : - (such as C-2026-001), got ${describeValue(value)}`);

/** Names of facts and logical fields: `product`, `errorText`, `tax_code`. */
export const FACT_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export const factNameSchema = checkedText('a fact name', (value) =>
  FACT_NAME.test(value) ? null : `expected a fact name of letters, digits, _ and - (such as errorText), got ${describeValue(value)}`);

export function positiveNumber(what: string) {
  return z.number({ error: expected(what) }).positive({ error: (issue) => `expected ${what}, got ${describeValue(issue.input)}` });
}

export function wholeNumber(what: string, minimum: number) {
  return z.number({ error: expected(what) })
    .int({ error: (issue) => `expected ${what}, got ${describeValue(issue.input)}` })
    .min(minimum, { error: (issue) => `expected ${what}, got ${describeValue(issue.input)}` });
}

export const booleanSchema = z.boolean({ error: expected('true or false') });

const VAT_EXPECTED = 'a VAT percentage from 0 to 100 with at most two decimals, such as 21, 9 or 0';

/** A VAT percentage as proposals price it: 0–100, whole hundredths (5.5 and 8.25, not 8.125). */
export const vatPercentSchema = z.number({ error: expected(VAT_EXPECTED) }).superRefine((value, ctx) => {
  const hundredths = Math.round(value * 100);
  if (value < 0 || value > 100 || Math.abs(hundredths - value * 100) > 1e-6) {
    ctx.addIssue({ code: 'custom', input: value, message: `expected ${VAT_EXPECTED}, got ${describeValue(value)}` });
  }
});

export function list<T extends z.ZodType>(item: T, what: string, min = 0) {
  const schema = z.array(item, { error: expected(what) });
  return min === 0 ? schema : schema.min(min, { error: `expected ${what} with at least ${min} item${min === 1 ? '' : 's'}` });
}

/** Text for customers and agents in both languages InScope speaks. */
export const localizedSchema = z.strictObject(
  {
    en: text('the English (en) text'),
    nl: text('the Dutch (nl) text'),
  },
  { error: expected('a text in both languages, { en: ..., nl: ... }') },
);
