// Cue changes of `inscope tune` as the config language writes them (docs/configuration.md): a cue
// word added to `kinds.<kind>.add`, or removed: taken out of `add` when the config added it, else
// listed under `kinds.<kind>.remove`. Used to try a change on the history and to write it.
import type { CoverageConfig } from '../config/config-schema.js';
import type { RequestKind } from '../../rules/model.js';
import { normalizeText } from '../../rules/normalize-text.js';
import type { KindTuning } from '../../rules/rules-config.js';

export interface CueChange {
  readonly kind: RequestKind;
  readonly change: 'add' | 'remove';
  readonly cue: string;
  /** Tickets the evidence rests on: where the word occurs (add), or where the cue fired (remove). */
  readonly tickets: number;
  /** Of those, how many people set the way the change points: to the kind's side (add), against the cue (remove). */
  readonly agreeing: number;
  /** add: the smoothed log odds z-score; remove: absent. */
  readonly z?: number;
  /** add: of its tickets on the kind's side, how many InScope does not get right now (wrong, review or incomplete); at least 1. */
  readonly notRightNow?: number;
  /** What the change does to InScope's verdicts on this history, on top of the changes before it: more right, more wrong (may be negative). */
  readonly effect?: { readonly right: number; readonly wrong: number };
  readonly examples: readonly string[];
}

export interface CueTuning {
  add?: string[];
  remove?: string[];
}

const sameCue = (a: string, b: string): boolean => normalizeText(a.replace(/\*\s*$/, '')) === normalizeText(b.replace(/\*\s*$/, ''));

/** The tuning of each kind the changes touch: the config's own with the changes made. */
export function changedKinds(kinds: KindTuning | undefined, changes: readonly CueChange[]): Map<RequestKind, CueTuning> {
  const out = new Map<RequestKind, CueTuning>();
  for (const c of changes) {
    let t = out.get(c.kind);
    if (t === undefined) {
      const own = kinds?.[c.kind] ?? {};
      out.set(c.kind, (t = { ...(own.add === undefined ? {} : { add: [...own.add] }), ...(own.remove === undefined ? {} : { remove: [...own.remove] }) }));
    }
    const same = (x: string) => sameCue(x, c.cue);
    if (c.change === 'add') {
      if (!(t.add ?? []).some(same)) t.add = [...(t.add ?? []), c.cue];
    } else if ((t.add ?? []).some(same)) {
      t.add = (t.add ?? []).filter((x) => !same(x));
      if (t.add.length === 0) delete t.add;
    } else if (!(t.remove ?? []).some(same)) {
      t.remove = [...(t.remove ?? []), c.cue];
    }
  }
  return out;
}

/** The config with the changes made in its kinds section, to compile and try them. */
export function withCueChanges(config: CoverageConfig, changes: readonly CueChange[]): CoverageConfig {
  return { ...config, kinds: { ...config.kinds, ...Object.fromEntries(changedKinds(config.kinds, changes)) } };
}
