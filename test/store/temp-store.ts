// Test helper: real SQLite stores in a fresh temp directory, closed and removed after each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createSqliteStore } from '../../connectors/store/create-sqlite-store.js';
import type { SqliteStoreOptions } from '../../connectors/store/create-sqlite-store.js';
import type { DeliveryInput, Store } from '../../connectors/store/store.js';

export function useTempStores(): { file: () => string; open: (options?: Partial<SqliteStoreOptions>) => Store } {
  let dir: string | null = null;
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  const file = (): string => {
    dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-store-'));
    return path.join(dir, 'data', 'inscope.db');
  };
  return {
    file,
    open(options = {}) {
      const store = createSqliteStore({ now: () => 1_000, ...options, file: options.file ?? file() });
      stores.push(store);
      return store;
    },
  };
}

let counter = 0;

/** A Zendesk delivery for the ticket; ids are unique unless given. */
export function delivery(ticketId: string, overrides: Partial<DeliveryInput> = {}): DeliveryInput {
  counter += 1;
  return {
    helpdesk: 'zendesk',
    accountId: 'veldhuis',
    deliveryId: `inv-${counter}`,
    eventId: `evt-${counter}`,
    eventType: 'zen:event-type:ticket.created',
    ticketId,
    receivedAt: 1_000,
    payload: JSON.stringify({ id: `evt-${counter}`, detail: { id: ticketId } }),
    ...overrides,
  };
}
