// Where InScope's reading of a history disagrees with people's category, by what carried the verdict:
// the cues its trace names (the winning kind's, as `kind.cues` lists them) and the coverage rule
// that decided. A cue of a covered kind (defect, new version) that fired on a ticket people did not
// set to Call, or one of an uncovered kind on a Call, spoke against them; so did a rule whose
// category was not theirs. For `inscope tune`.
import { COVERED_KINDS } from '../../rules/kind-model.js';
import type { RequestKind } from '../../rules/model.js';
import type { LabelledTicket } from './read-labelled-tickets.js';

/** Ticket ids shown per row: enough to open a few and see why. */
export const EXAMPLES_SHOWN = 3;

export interface CueDisagreement {
  readonly kind: RequestKind;
  /** The cue as the trace names it: a cue word or phrase, or a pattern in parentheses. */
  readonly cue: string;
  /** A cue word the config can remove (`kinds.<kind>.remove`); patterns and the learned model are not. */
  readonly removable: boolean;
  /** Tickets whose verdict named the cue. */
  fired: number;
  /** Of those, the tickets people categorised the other way. */
  against: number;
  readonly examples: string[];
  /** The tickets it fired on, by their position among the tickets added. */
  readonly rows: number[];
}

export interface RuleDisagreement {
  readonly rule: string;
  /** Tickets the rule decided as Call or advisory. */
  decided: number;
  /** Of those, the tickets people categorised the other way. */
  against: number;
  readonly examples: string[];
}

export interface Disagreements {
  add(ticket: LabelledTicket): void;
  /** Rows with at least one disagreement, most disagreements first, then the larger share. */
  cues(): CueDisagreement[];
  rules(): RuleDisagreement[];
}

/** What a trace label stands for: the model's opinion is one row, whatever its probability and words. */
function cueOf(label: string): { cue: string; removable: boolean } {
  if (label.startsWith('(learned:')) return { cue: '(learned model)', removable: false };
  // "(error text)", "(how …?)", "our … script", "klopt gewoon (negated)": patterns and a clearing
  // cue read the other way, which no cue word in the config names.
  return { cue: label, removable: !label.startsWith('(') && !label.endsWith(')') && !label.includes('…') };
}

const worst = <T extends { against: number; cue?: string; rule?: string }>(rows: Iterable<T>, total: (r: T) => number): T[] =>
  [...rows].filter((r) => r.against > 0).sort((a, b) => b.against - a.against || b.against / total(b) - a.against / total(a) || ((a.cue ?? a.rule ?? '') < (b.cue ?? b.rule ?? '') ? -1 : 1));

export function createDisagreementTally(): Disagreements {
  const cues = new Map<string, CueDisagreement>();
  const rules = new Map<string, RuleDisagreement>();
  let added = 0;
  return {
    add({ item, covered, verdict }) {
      // Too little evidence for any kind reads as "other", while the trace names the cues of the
      // kind that led (its first candidate): those are the cues' kind.
      const kind = (verdict.kind.scores[verdict.kind.kind] ?? 0) > 0 ? verdict.kind.kind : verdict.kind.candidates[0];
      const against = COVERED_KINDS.has(kind) !== covered;
      const at = added++;
      for (const label of new Set(verdict.kind.cues)) {
        const { cue, removable } = cueOf(label);
        const key = `${kind}\0${cue}`;
        let row = cues.get(key);
        if (row === undefined) cues.set(key, (row = { kind, cue, removable, fired: 0, against: 0, examples: [], rows: [] }));
        row.fired++;
        row.rows.push(at);
        if (!against) continue;
        row.against++;
        if (row.examples.length < EXAMPLES_SHOWN) row.examples.push(item.id);
      }
      if (verdict.rule === null || (verdict.outcome !== 'covered' && verdict.outcome !== 'advisory')) return;
      let row = rules.get(verdict.rule);
      if (row === undefined) rules.set(verdict.rule, (row = { rule: verdict.rule, decided: 0, against: 0, examples: [] }));
      row.decided++;
      if ((verdict.category === 'call') === covered) return;
      row.against++;
      if (row.examples.length < EXAMPLES_SHOWN) row.examples.push(item.id);
    },
    cues: () => worst(cues.values(), (r) => r.fired),
    rules: () => worst(rules.values(), (r) => r.decided),
  };
}
