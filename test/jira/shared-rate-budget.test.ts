// Three connector instances' Jira clients on one PostgreSQL rate budget, as composeJira builds them
// when start-service.ts hands it the budget, against a Jira double on a loopback HTTP server. Times
// are read from the server's log and only bounded from below (a loaded machine makes requests late,
// never early), so the assertions hold however slow the run; the 1-request tolerance covers timers
// that fire up to a millisecond early.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageConfig } from '../../connectors/config/config-schema.js';
import { loadConfig } from '../../connectors/config/load-config.js';
import { composeJira, type ComposedJira } from '../../connectors/jira/compose-jira.js';
import type { RateBudget } from '../../connectors/shared/create-shared-pacer.js';
import { openRateBudget } from '../../connectors/store/open-rate-budget.js';
import type { Store } from '../../connectors/store/store.js';
import { postgres, useTempStores } from '../store/store-backends.js';

const issue = readFileSync(new URL('./fixtures/issue-sup-301.json', import.meta.url), 'utf8');

interface Arrival {
  readonly key: string;
  readonly at: number;
  readonly status: number;
}

type Answer = (key: string, seen: number) => { status: number; headers?: Record<string, string> };

/** Answers `GET /rest/api/3/issue/{key}` with the fixture issue, or what `answer` says; logs every arrival. */
async function jiraDouble(answer: Answer = () => ({ status: 200 })) {
  const log: Arrival[] = [];
  const seen = new Map<string, number>();
  let arrived!: () => void;
  const firstArrival = new Promise<void>((resolve) => { arrived = resolve; });
  const server = http.createServer((req, res) => {
    const at = performance.now();
    const key = /^\/rest\/api\/3\/issue\/([A-Z0-9-]+)/.exec(req.url ?? '')?.[1] ?? '?';
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const { status, headers = {} } = answer(key, seen.get(key)!);
    log.push({ key, at, status });
    arrived();
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(status === 200 ? issue : JSON.stringify({ errorMessages: ['Rate limit exceeded.'] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    siteUrl: `http://127.0.0.1:${port}`,
    log,
    firstArrival,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let config: CoverageConfig;
const doubles: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  config = (await loadConfig('examples/coverage.yaml')).config;
});

afterEach(async () => {
  await Promise.all(doubles.splice(0).map((d) => d.close()));
});

interface InstanceOptions {
  readonly siteUrl: string;
  readonly store: Store;
  readonly rateBudget: RateBudget | null;
  readonly rateLimitPerMinute: number;
  readonly delayScale: number;
  readonly budgetErrors?: unknown[];
}

/** One connector instance's Jira half, composed the way start-service.ts does it. */
async function instance(options: InstanceOptions): Promise<ComposedJira> {
  return composeJira({
    jira: { siteUrl: options.siteUrl, auth: { email: 'inscope@veldhuis-software.nl', apiToken: 'jira-api-token-for-tests' } },
    webhookSecrets: ['jira-webhook-secret-for-tests'],
    botAccountId: '712020:inscope-bot',
    rateLimitPerMinute: options.rateLimitPerMinute,
    rateBudget: options.rateBudget,
    onBudgetError: (error) => options.budgetErrors?.push(error),
    config,
    store: options.store,
    now: Date.now,
    delayScale: options.delayScale,
    random: () => 0.5,
    onCall: () => {},
    onDelivery: () => {},
    wake: () => {},
  });
}

const describePostgres = postgres.url === null ? describe.skip : describe;
const title = postgres.url === null ? `Jira on a shared rate budget (PostgreSQL skipped: ${postgres.skipReason})` : 'Jira on a shared rate budget (PostgreSQL)';

describePostgres(title, () => {
  const stores = useTempStores('postgres');
  const budgets: RateBudget[] = [];

  // Registered after useTempStores, so it runs first: the budgets' connections are gone before the schema is dropped.
  afterEach(async () => {
    await Promise.all(budgets.splice(0).map((b) => b.close()));
  });

  /** An instance of its own: its own store and its own budget connections, on the test's schema. */
  async function openInstance(siteUrl: string, extra: Partial<InstanceOptions> & Pick<InstanceOptions, 'rateLimitPerMinute' | 'delayScale'>, wrap: (b: RateBudget) => RateBudget = (b) => b) {
    const budget = await openRateBudget(stores.url());
    budgets.push(budget!);
    const budgetErrors: unknown[] = [];
    const jira = await instance({ siteUrl, store: await stores.open(), rateBudget: wrap(budget!), budgetErrors, ...extra });
    expect(jira.mode).toBe('live');
    return { client: jira.client!, budgetErrors };
  }

  it('keeps three instances together under the site budget: one burst, then one request per interval', async () => {
    const double = await jiraDouble();
    doubles.push(double);
    // 60/min scaled by 0.05 is 1200/min: one request per 50 ms for all three, after a burst of 60/20 = 3.
    // (Slower than the client's own cost per call, some 20 ms of CPU here, so the budget is what shows.)
    const pace = { rateLimitPerMinute: 60, delayScale: 0.05 };
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => openInstance(double.siteUrl, pace)));
    const interval = 50;
    const burst = 3;
    const perInstance = 6;

    const started = performance.now();
    await Promise.all([a!, b!, c!].flatMap(({ client }, i) => Array.from({ length: perInstance }, () => client.getIssue(`SUP-${i + 1}`, ['summary']))));

    expect(double.log).toHaveLength(3 * perInstance);
    for (const key of ['SUP-1', 'SUP-2', 'SUP-3']) expect(double.log.filter((r) => r.key === key)).toHaveLength(perInstance);
    // By any moment t, the site has seen at most the burst plus what the bucket refilled since the start.
    const arrivals = double.log.map((r) => r.at - started).sort((x, y) => x - y);
    arrivals.forEach((at, k) => {
      expect.soft(k + 1, `${k + 1} requests by ${at.toFixed(1)} ms`).toBeLessThanOrEqual(burst + at / interval + 1);
    });
    expect(arrivals.at(-1)!).toBeGreaterThanOrEqual((3 * perInstance - burst - 1) * interval);
    expect([...a!.budgetErrors, ...b!.budgetErrors, ...c!.budgetErrors]).toEqual([]);
    const rows = await stores.query('SELECT account FROM rate_budget');
    expect(rows).toEqual([{ account: `jira:${new URL(double.siteUrl).host}` }]);
  });

  it("pauses every instance for a Retry-After that one of them received", async () => {
    // Retry-After 20 s scaled by 0.02: a 400 ms pause. At 600/min (30 000/min scaled, burst 30) pacing itself adds nothing.
    const double = await jiraDouble((key, seen) => (key === 'SUP-1' && seen === 1 ? { status: 429, headers: { 'Retry-After': '20' } } : { status: 200 }));
    doubles.push(double);
    const pace = { rateLimitPerMinute: 600, delayScale: 0.02 };
    let paused!: (ms: number) => void;
    const pauseRecorded = new Promise<number>((resolve) => { paused = resolve; });
    // The real budget, unchanged, except that the test learns when the pause is in the database.
    const noticePause = (budget: RateBudget): RateBudget => ({
      ...budget,
      async pause(account, ms) {
        await budget.pause(account, ms);
        paused(ms);
      },
    });
    const a = await openInstance(double.siteUrl, pace, noticePause);
    const [b, c] = await Promise.all([openInstance(double.siteUrl, pace), openInstance(double.siteUrl, pace)]);

    const first = a.client.getIssue('SUP-1', ['summary']);
    // A budget never paused would leave this waiting for ever: A's own retry ends the wait instead.
    expect(await Promise.race([pauseRecorded, first.then(() => 'A retried, and nobody paused the budget')])).toBeCloseTo(400, 6);
    await Promise.all([first, b.client.getIssue('SUP-2', ['summary']), c.client.getIssue('SUP-3', ['summary'])]);

    const [throttled, ...rest] = double.log;
    expect(throttled).toMatchObject({ key: 'SUP-1', status: 429 });
    expect(rest.map((r) => [r.key, r.status]).sort()).toEqual([['SUP-1', 200], ['SUP-2', 200], ['SUP-3', 200]]);
    // Nobody, not only the instance that was told, reaches the site before the pause is over.
    for (const r of rest) expect(r.at - throttled!.at, r.key).toBeGreaterThanOrEqual(400 - 2);
  });
});

describe('Jira without a shared rate budget (SQLite, one process)', () => {
  const stores = useTempStores('sqlite');

  it('paces each instance on its own, as before: a Retry-After holds back only the instance that received it', async () => {
    const double = await jiraDouble((key, seen) => (key === 'SUP-1' && seen === 1 ? { status: 429, headers: { 'Retry-After': '20' } } : { status: 200 }));
    doubles.push(double);
    const store = await stores.open();
    const pace = { siteUrl: double.siteUrl, store, rateBudget: null, rateLimitPerMinute: 600, delayScale: 0.02 };
    const [a, b] = await Promise.all([instance(pace), instance(pace)]);
    expect([a.mode, b.mode]).toEqual(['live', 'live']);

    const first = a.client!.getIssue('SUP-1', ['summary']);
    await double.firstArrival;
    await b.client!.getIssue('SUP-2', ['summary']);
    await first;

    // B went while A waited out its 400 ms (scaled) Retry-After.
    expect(double.log.map((r) => [r.key, r.status])).toEqual([['SUP-1', 429], ['SUP-2', 200], ['SUP-1', 200]]);
  });
});
