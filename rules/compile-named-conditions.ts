// The config's `conditions`: each named condition compiled once and shared by every
// `{ condition: name }` that refers to it, so a condition used by ten rules costs one closure tree.
import { compileCondition } from './compile-condition.js';
import type { CompiledCondition } from './compiled-condition.js';
import type { CompileEnv } from './eval-context.js';
import type { Condition } from './rules-config.js';

/**
 * Returns `base` extended with the named conditions, all compiled. A cycle throws naming it (the
 * loader reports it first, with positions; this guards configs built in code).
 */
export function withNamedConditions(defs: Readonly<Record<string, Condition>> | undefined, base: CompileEnv): CompileEnv {
  if (defs === undefined) return base;
  const compiled = new Map<string, CompiledCondition>();
  const compiling: string[] = [];
  const named = (name: string): CompiledCondition | undefined => {
    const done = compiled.get(name);
    if (done !== undefined) return done;
    const def = Object.hasOwn(defs, name) ? defs[name] : undefined;
    if (def === undefined) return undefined;
    const at = compiling.indexOf(name);
    if (at >= 0) throw new Error(`named conditions refer to each other in a cycle: ${[...compiling.slice(at), name].join(' → ')}`);
    compiling.push(name);
    try {
      const c = compileCondition(def, env, `condition "${name}"`);
      compiled.set(name, c);
      return c;
    } finally {
      compiling.pop();
    }
  };
  const env: CompileEnv = { ...base, named };
  for (const name of Object.keys(defs)) named(name);
  return env;
}
