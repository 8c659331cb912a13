// A stand-in for the ZAF client the sidebar gets from `ZAFClient.init()`: answers `get` and
// `metadata` from a table, routes `request` to a handler, records `invoke`/`set`, and fires events.
import { vi } from 'vitest';
import type { ZafClient, ZafRequestOptions } from '../../../apps/zendesk/src/zaf-client.js';

export interface StubOptions {
  readonly locale?: string;
  readonly ticketId?: number;
  readonly ticketFields?: readonly string[];
  readonly connectorUrl?: string;
  request(options: ZafRequestOptions): Promise<unknown>;
}

export function createStubZafClient(options: StubOptions) {
  const handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  const values: Record<string, unknown> = {
    'ticket.id': options.ticketId ?? 48212,
    'currentUser.id': 17,
    'currentUser.email': 'manager@veldhuis-software.nl',
    'currentUser.locale': options.locale ?? 'en-US',
    ticketFields: (options.ticketFields ?? ['custom_field_360001000001', 'status', 'custom_field_360001000002']).map((name) => ({ name })),
  };
  const client = {
    get: vi.fn(async (paths: string | readonly string[]) => Object.fromEntries((typeof paths === 'string' ? [paths] : paths).map((p) => [p, values[p]]))),
    set: vi.fn(async (path: string, value: unknown) => ({ [path]: value })),
    invoke: vi.fn(async (..._args: unknown[]) => undefined as unknown),
    on: vi.fn((event: string, handler: (...args: unknown[]) => void) => {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
    }),
    request: vi.fn(options.request),
    metadata: vi.fn(async () => ({ appId: 1, installationId: 2, settings: { connectorUrl: options.connectorUrl ?? 'https://inscope.example.com/' } })),
  } satisfies ZafClient;
  return {
    client,
    events: () => [...handlers.keys()],
    trigger(event: string, ...args: unknown[]) {
      for (const handler of handlers.get(event) ?? []) handler(...args);
    },
  };
}
