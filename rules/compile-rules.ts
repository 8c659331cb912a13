// Compiles a RulesConfig into an Engine. Placeholder signature; the implementation lands with the engine.
import type { Verdict, WorkItem } from './model.js';
import type { RulesConfig } from './rules-config.js';

export interface Engine {
  readonly configHash: string;
  /** Pure and synchronous: the same item and config always give the same verdict. */
  triage(item: WorkItem): Verdict;
}

export function compileRules(_config: RulesConfig, _options: { readonly configHash: string }): Engine {
  throw new Error('not implemented yet');
}
