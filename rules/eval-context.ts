// Per-triage working state: the item, its resolved facts and contract, and the normalised texts,
// each computed at most once and only when a condition asks for it.
import type { ContractState, ContractSummary, FactValue, FieldValue, WorkItem } from './model.js';
import type { ContractDefinition } from './rules-config.js';
import { padNormalized } from './normalize-text.js';

/** The contract as resolved for one item; see `compileContracts`. */
export interface ResolvedContract {
  readonly id: string;
  readonly def: ContractDefinition;
  readonly levelKey: string;
  readonly summary: ContractSummary;
}

export class EvalContext {
  facts: Record<string, FactValue> = {};
  contract: ResolvedContract | null = null;
  contractState: ContractState = 'none';
  private subjectPad: string | undefined;
  private descriptionPad: string | undefined;
  private lowerTags: readonly string[] | undefined;

  constructor(readonly item: WorkItem) {}

  /** The subject normalised by `padNormalized`. */
  subjectPadded(): string {
    return (this.subjectPad ??= padNormalized(this.item.subject));
  }

  /** The description normalised by `padNormalized`. */
  descriptionPadded(): string {
    return (this.descriptionPad ??= padNormalized(this.item.description));
  }

  tags(): readonly string[] {
    return (this.lowerTags ??= this.item.tags.map((t) => t.toLowerCase()));
  }
}

/** A custom field's value as text, or undefined when it is empty. */
export function fieldText(value: FieldValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? undefined : t;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const joined = value.filter((v) => v.trim() !== '').join(', ');
  return joined === '' ? undefined : joined;
}
