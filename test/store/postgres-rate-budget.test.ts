import crypto from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openRateBudget } from '../../connectors/store/open-rate-budget.js';
import type { RateBudget } from '../../connectors/shared/create-shared-pacer.js';
import { postgres } from './store-backends.js';

const describePostgres = postgres.url === null ? describe.skip : describe;
const title = postgres.url === null ? `shared rate budget (PostgreSQL skipped: ${postgres.skipReason})` : 'shared rate budget (PostgreSQL)';

describePostgres(title, () => {
  let schema: string | null = null;
  const opened: RateBudget[] = [];

  // The budget's own clock is the database server's; a fixed one makes every wait exact, however
  // long the reservations take on a loaded machine.
  let at = Date.parse('2026-11-27T10:00:00Z');
  const clock = () => at;

  async function open(): Promise<RateBudget> {
    schema ??= `inscope_test_${crypto.randomBytes(6).toString('hex')}`;
    const url = new URL(postgres.url!);
    url.searchParams.set('schema', schema);
    const budget = await openRateBudget(url.toString(), { now: clock });
    opened.push(budget!);
    return budget!;
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((b) => b.close()));
    if (schema === null) return;
    const client = new pg.Client({ connectionString: postgres.url! });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    schema = null;
  });

  it('spaces the reservations of three instances as one bucket: a burst, then one request per interval', async () => {
    const instances = await Promise.all([open(), open(), open()]);
    const rule = { ratePerMinute: 600, burst: 5 };
    const waits = (await Promise.all(instances.map((b) => Promise.all(Array.from({ length: 20 }, () => b.take('acme', rule)))))).flat();
    waits.sort((a, b) => a - b);
    // 600/min is one request per 100 ms; the 5 burst tokens go first, reservation k waits (k - 4) × 100 ms.
    waits.forEach((wait, k) => expect(wait).toBeCloseTo(Math.max(0, (k - 4) * 100), 6));
  });

  it('keeps accounts apart', async () => {
    const budget = await open();
    const rule = { ratePerMinute: 60, burst: 1 };
    expect(await budget.take('acme', rule)).toBe(0);
    expect(await budget.take('globex', rule)).toBe(0);
    expect(await budget.take('acme', rule)).toBeCloseTo(1000, 6);
  });

  it('refills at the rule\'s rate as the clock moves on, up to the burst', async () => {
    const budget = await open();
    const rule = { ratePerMinute: 60, burst: 1 };
    expect(await budget.take('acme', rule)).toBe(0);
    at += 250;
    expect(await budget.take('acme', rule)).toBeCloseTo(750, 6);
    at += 10_000;
    expect(await budget.take('acme', rule)).toBe(0);
    expect(await budget.take('acme', rule)).toBeCloseTo(1000, 6);
  });

  it('makes every instance wait out a pause another one set', async () => {
    const [one, two] = await Promise.all([open(), open()]);
    const rule = { ratePerMinute: 6000, burst: 10 };
    expect(await one.take('acme', rule)).toBe(0);
    await one.pause('acme', 2_000);
    // The pause, then one token's refill at 100 a second.
    expect(await two.take('acme', rule)).toBeCloseTo(2_010, 6);
  });

  it('creates its table once when instances open together', async () => {
    schema = `inscope_test_${crypto.randomBytes(6).toString('hex')}`;
    const budgets = await Promise.all(Array.from({ length: 4 }, () => open()));
    expect(budgets).toHaveLength(4);
  });
});

describe('opening a shared rate budget', () => {
  it('has none for a SQLite file: one process, its own pacer is the whole budget', async () => {
    expect(await openRateBudget('/tmp/inscope.db')).toBeNull();
  });
});
