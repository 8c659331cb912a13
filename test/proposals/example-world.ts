// The example config, its engine and its tickets, loaded once per test file.
import { loadConfig, type LoadedConfig } from '../../connectors/config/load-config.js';
import { isInputProblem, readTickets } from '../../connectors/input/read-tickets.js';
import { compileRules, type Engine, type WorkItem } from '../../rules/index.js';

const root = new URL('../../', import.meta.url).pathname;

export interface ExampleWorld {
  readonly loaded: LoadedConfig;
  readonly engine: Engine;
  readonly items: ReadonlyMap<string, WorkItem>;
}

export async function loadExampleWorld(): Promise<ExampleWorld> {
  const loaded = await loadConfig(`${root}examples/coverage.yaml`);
  const engine = compileRules(loaded.config, { configHash: loaded.hash });
  const items = new Map<string, WorkItem>();
  for await (const result of readTickets(`${root}examples/tickets`, { helpdesks: loaded.config.helpdesks })) {
    if (!isInputProblem(result)) items.set(result.item.id, result.item);
  }
  return { loaded, engine, items };
}
