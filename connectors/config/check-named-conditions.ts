// `{ condition: name }` must name a condition under `conditions`, and named conditions must not
// refer to each other in a cycle (the engine would recurse for ever).
import type { Condition } from '../../rules/rules-config.js';
import type { AddIssue } from './check-products.js';
import type { CoverageConfig } from './config-schema.js';
import { didYouMean } from './describe-value.js';

type Path = readonly PropertyKey[];

interface Reference {
  readonly name: string;
  readonly path: Path;
}

function referencesIn(condition: Condition, path: Path, out: Reference[]): Reference[] {
  if ('all' in condition) condition.all.forEach((c, k) => referencesIn(c, [...path, 'all', k], out));
  else if ('any' in condition) condition.any.forEach((c, k) => referencesIn(c, [...path, 'any', k], out));
  else if ('not' in condition) referencesIn(condition.not, [...path, 'not'], out);
  else if ('condition' in condition) out.push({ name: condition.condition, path: [...path, 'condition'] });
  return out;
}

/** Every condition in the config with its path: rules' and the named ones. */
export function everyCondition(config: CoverageConfig, rulesAt: Path = ['completeness']): [Condition, Path][] {
  const all: [Condition, Path][] = [];
  for (const [name, c] of Object.entries(config.conditions ?? {})) all.push([c, ['conditions', name]]);
  config.completeness.forEach((rule, i) => {
    if (rule.when !== undefined) all.push([rule.when, [...rulesAt, i, 'when']]);
    all.push([rule.require, [...rulesAt, i, 'require']]);
  });
  config.coverage.forEach((rule, i) => all.push([rule.when, ['coverage', i, 'when']]));
  return all;
}

export function checkNamedConditions(config: CoverageConfig, add: AddIssue, rulesAt: Path = ['completeness']): void {
  const defs = config.conditions ?? {};
  const names = Object.keys(defs);
  for (const [condition, path] of everyCondition(config, rulesAt)) {
    for (const ref of referencesIn(condition, path, [])) {
      if (Object.hasOwn(defs, ref.name)) continue;
      add(ref.path, names.length === 0
        ? `unknown condition "${ref.name}": no conditions are declared under conditions`
        : `unknown condition "${ref.name}"${didYouMean(ref.name, names)}: expected one of ${names.join(', ')}`);
    }
  }

  // Depth-first; a reference back to a name still on the stack closes a cycle, reported there once.
  const refs = new Map(names.map((n) => [n, referencesIn(defs[n] as Condition, ['conditions', n], []).filter((r) => Object.hasOwn(defs, r.name))]));
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (name: string): void => {
    stack.push(name);
    for (const ref of refs.get(name) ?? []) {
      const at = stack.indexOf(ref.name);
      if (at >= 0) add(ref.path, `named conditions refer to each other in a cycle: ${[...stack.slice(at), ref.name].join(' → ')}`);
      else if (!done.has(ref.name)) visit(ref.name);
    }
    stack.pop();
    done.add(name);
  };
  for (const name of names) if (!done.has(name)) visit(name);
}
