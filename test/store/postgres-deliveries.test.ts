import type pg from 'pg';
import { expect, it } from 'vitest';
import { createPostgresDeliveryWriter, RECORD_DELIVERIES } from '../../connectors/store/postgres-deliveries.js';
import { createPostgresPool } from '../../connectors/store/postgres-pool.js';
import { describeStores } from './store-backends.js';
import { delivery } from './temp-store.js';

/** A pool on the test's schema that records the text of every query its clients send. */
function recordingPool(url: string): { pool: pg.Pool; sent: string[] } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  const pool = createPostgresPool({ connectionString: parsed.toString(), ...(schema === undefined ? {} : { schema }) });
  const sent: string[] = [];
  const seen = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => {
    if (seen.has(client)) return;
    seen.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      sent.push(typeof first === 'string' ? first : String((first as { text?: unknown }).text));
      return query(...args);
    };
  });
  return { pool, sent };
}

describeStores('the PostgreSQL delivery writer', (stores) => {
  it('writes a whole batch, copies within it included, in one statement with no BEGIN or COMMIT', async () => {
    await stores.open();
    const { pool, sent } = recordingPool(stores.url());
    try {
      const write = createPostgresDeliveryWriter(pool);
      const first = delivery('500', { deliveryId: 'inv-x', eventId: 'evt-x' });
      const results = await write([first, delivery('501'), { ...first }, delivery('500')]);
      const job = results[0]?.jobId;
      expect(results).toEqual([
        { status: 'accepted', jobId: job },
        { status: 'accepted', jobId: expect.any(Number) },
        { status: 'duplicate', jobId: job },
        { status: 'accepted', jobId: job },
      ]);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toContain(RECORD_DELIVERIES);
    } finally {
      await pool.end();
    }
  });

  it('is created again by migrate on a schema that a release without it migrated', async () => {
    const store = await stores.open();
    await store.close();
    await stores.query(`DROP FUNCTION ${RECORD_DELIVERIES}`);
    const reopened = await stores.open();
    expect((await reopened.recordDelivery(delivery('502'))).status).toBe('accepted');
  });
}, ['postgres']);
