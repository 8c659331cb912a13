// Turns zod issues into ConfigIssues with positions and admin-readable messages. The error map
// words every issue zod raises on its own; the translation splits unknown keys into one issue each
// and, for unions, reports the issues of the one alternative the admin evidently meant.
import type * as z from 'zod';
import { CONDITION_KINDS, CONDITION_UNION_MESSAGE } from './condition-schema.js';
import type { ConfigIssue } from './config-error.js';
import type { Locator } from './create-locator.js';
import { describeValue, didYouMean } from './describe-value.js';
import { expected } from './scalar-schemas.js';
import { formatPath } from './format-path.js';

type Issue = z.core.$ZodIssue;

const NOUNS: Readonly<Record<string, string>> = {
  object: 'a mapping', array: 'a list', string: 'a text', number: 'a number', int: 'a whole number',
  boolean: 'true or false', record: 'a mapping',
};

/** Pass as `error` to safeParse: words the issues that the schema does not word itself. */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape ?? {};
      const allowed = Object.keys(shape);
      // One line per key, in the order of `keys`: toConfigIssues splits them into one issue each.
      return issue.keys.map((key) => {
        const hint = didYouMean(key, allowed);
        return `unknown key "${key}"${hint === '' ? `: expected one of ${allowed.join(', ')}` : hint}`;
      }).join('\n');
    }
    case 'invalid_type':
      return expected(NOUNS[issue.expected] ?? issue.expected)(issue);
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(issue.input)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `expected at least ${String(issue.minimum)} item(s)`
        : `expected at least ${String(issue.minimum)}, got ${describeValue(issue.input)}`;
    case 'too_big':
      return `expected at most ${String(issue.maximum)}, got ${describeValue(issue.input)}`;
    default:
      return undefined;
  }
};

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function toConfigIssues(issues: readonly Issue[], file: string, locate: Locator): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const add = (path: readonly PropertyKey[], message: string, target: 'value' | 'key' = 'value') =>
    out.push({ file, ...locate(path, target), path: formatPath(path), message });

  const visit = (list: readonly Issue[], prefix: readonly PropertyKey[]): void => {
    for (const issue of list) {
      const path = [...prefix, ...issue.path];
      switch (issue.code) {
        case 'unrecognized_keys': {
          const messages = issue.message.split('\n');
          issue.keys.forEach((key, i) => add([...path, key], messages[i] ?? `unknown key "${key}"`, 'key'));
          break;
        }
        case 'invalid_key': {
          const inner = issue.issues[0]?.message ?? 'invalid key';
          add(path, `the key ${describeValue(path.at(-1))} is not valid: ${inner}`, 'key');
          break;
        }
        case 'invalid_union': {
          const chosen = chosenAlternative(issue);
          if (chosen === undefined) add(path, issue.message);
          else visit(chosen, path);
          break;
        }
        default:
          add(path, issue.message);
      }
    }
  };
  visit(issues, []);
  return out;
}

function chosenAlternative(issue: z.core.$ZodIssueInvalidUnion): readonly Issue[] | undefined {
  if (issue.message === CONDITION_UNION_MESSAGE && isMapping(issue.input)) {
    // The condition preprocessor has made sure there is exactly one kind key.
    const index = CONDITION_KINDS.findIndex((kind) => kind in (issue.input as object));
    return index < 0 ? undefined : issue.errors[index];
  }
  // An alternative with no complaint about the value as a whole (a list where a list is allowed)
  // says best what is wrong inside it.
  const fitting = issue.errors.filter((errors) => errors.every((e) => e.path.length > 0));
  return fitting.length === 1 ? fitting[0] : undefined;
}
