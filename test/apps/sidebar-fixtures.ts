// Sidebar data for the example tickets, made the way the connector makes it: the real engine over
// examples/coverage.yaml and the example Zendesk tickets, with the contract details the sidebar
// route adds. Tests may use connector code; the app itself may not.
import path from 'node:path';
import { parseConfig, type LoadedConfig } from '../../connectors/config/load-config.js';
import { literalCompletenessConfigText } from './literal-completeness-config.js';
import { isInputProblem, readTickets } from '../../connectors/input/read-tickets.js';
import { compileRules, type Engine } from '../../rules/index.js';
import type { BudgetSnapshot, SidebarData } from '../../apps/shared/sidebar-data.js';

const root = path.resolve(import.meta.dirname, '../..');
let world: Promise<{ loaded: LoadedConfig; engine: Engine }> | undefined;

function load() {
  world ??= Promise.resolve(parseConfig(literalCompletenessConfigText(), path.join(root, 'examples/coverage.yaml'))).then((loaded) => ({ loaded, engine: compileRules(loaded.config, { configHash: loaded.hash }) }));
  return world;
}

export interface FixtureOptions {
  readonly budget?: BudgetSnapshot | null;
  readonly ticketStatus?: string | null;
  readonly ticketCategory?: string | null;
  readonly shadow?: boolean;
  readonly proposalState?: 'draft' | 'sent' | 'accepted';
}

export async function exampleSidebarData(ticketId: number, options: FixtureOptions = {}): Promise<SidebarData> {
  const { loaded, engine } = await load();
  const config = loaded.config;
  const { readdir } = await import('node:fs/promises');
  const file = (await readdir(path.join(root, 'examples/tickets'))).find((f) => f.startsWith(`zendesk-${ticketId}-`));
  if (!file) throw new Error(`no example ticket ${ticketId}`);
  for await (const record of readTickets(path.join(root, 'examples/tickets', file), { helpdesks: config.helpdesks })) {
    if (isInputProblem(record)) throw new Error(record.message);
    const verdict = engine.triage(record.item);
    const definition = verdict.contract ? config.contracts.find((c) => c.id === verdict.contract!.id) : undefined;
    return {
      ticket: { id: String(ticketId), subject: record.item.subject, category: options.ticketCategory ?? null, status: options.ticketStatus ?? null, createdAt: record.item.createdAt },
      // As the sidebar API sends it: JSON, facts, kind and trace included.
      verdict: JSON.parse(JSON.stringify(verdict)) as SidebarData['verdict'],
      contract: verdict.contract
        ? {
            ...verdict.contract,
            coveredProducts: definition?.products ?? [],
            autoApprove: definition?.autoApprove ?? false,
            hourlyRate: definition?.hourlyRate ?? config.defaults.hourlyRate,
            currency: definition?.currency ?? config.defaults.currency,
            monthlyBudget: definition?.monthlyBudget ?? null,
          }
        : null,
      budget: options.budget ?? null,
      lastDecision: null,
      ...(options.shadow ? { shadow: true } : {}),
      ...(options.proposalState ? { proposal: { state: options.proposalState } } : {}),
    } as SidebarData;
  }
  throw new Error(`example ticket ${ticketId} holds no ticket`);
}
