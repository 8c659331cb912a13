// The fault suite (`npm run test:faults`): three `inscope serve` processes on one PostgreSQL schema
// behind a loopback round-robin, a Zendesk double and a Jira Cloud + JSM double, and a driver
// sending a few thousand signed deliveries for both, mixed (duplicates, reorderings, replays, bad
// ones). During the run one instance is killed with SIGKILL and restarted, PostgreSQL restarts, both
// doubles go through a 429 storm (Retry-After) and a 500 storm (plus dropped connections, some after
// the write landed, conflicts and slow answers), and one instance gets SIGTERM while it holds jobs.
// Afterwards the doubles' logs and the store must show, for Zendesk and for Jira: one decision per
// ticket or issue, no comment twice, no proposal or attachment twice, no delivery lost, dead letters
// only for the tickets meant to fail, and (Zendesk) the three instances together under the account's
// per-minute budget. The counts are printed, Jira's beside Zendesk's.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeJira, type FakeJira, type FakeJiraCall } from '../helpers/fake-jira.js';
import { startFakeZendesk, type FakeZendesk, type FakeZendeskCall } from '../helpers/fake-zendesk.js';
import { spawnService, type ServiceProcess } from '../helpers/spawn-service.js';
import { buildFaultWorld, buildJiraFaultWorld } from './build-fault-world.js';
import { BAD_TICKET_ID, driveDeliveries, planDeliveries, seededRandom, shuffle, type DeliveryOutcome } from './drive-deliveries.js';
import { JIRA_EVENTS_PER_ISSUE, planJiraDeliveries } from './plan-jira-deliveries.js';
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from './start-postgres-cluster.js';
import { startRoundRobinProxy, type RoundRobinProxy } from './start-round-robin-proxy.js';

const TICKETS = Number(process.env.INSCOPE_FAULTS_TICKETS ?? 600);
const EVENTS_PER_TICKET = 4;
const MISSING_TICKETS = [990_001, 990_002, 990_003, 990_004, 990_005];
const SEED = Number(process.env.INSCOPE_FAULTS_SEED ?? 7);
const JIRA_ISSUES = Number(process.env.INSCOPE_FAULTS_JIRA_ISSUES ?? 200);
const MISSING_ISSUES = ['SUP-99001', 'SUP-99002'];
const JIRA_SECRET = 'jira-whsec-fault-suite';
const JIRA_BOT = '712020:inscope-faults';
/** Jira's pace for the site, all instances together: high enough that it only shapes, never starves, the run. */
const JIRA_RATE_LIMIT = 1200;
const SECRET = 'whsec-fault-suite';
const AGENT_ID = 900_001;
const SCHEMA = 'inscope_faults';
// The account budget: ZENDESK_RATE_LIMIT 750 with the client's 0.8 share is 600 requests a minute;
// with every delay scaled by 0.3 a budget minute passes in 18 s, i.e. 33 requests a second, 30 burst:
// well below the 50-70 a second the three instances reach on this 2-core machine without it.
const RATE_LIMIT = 750;
const DELAY_SCALE = 0.3;
const BUDGET_PER_MINUTE = RATE_LIMIT * 0.8;
const BUDGET_PER_SECOND = BUDGET_PER_MINUTE / 60 / DELAY_SCALE;
const BURST = BUDGET_PER_MINUTE / 20;
/** How far apart reserved calls may be and still arrive at the double together on a loaded machine. */
const ARRIVAL_JITTER_MS = 250;
const ARRIVAL_SLACK = (BUDGET_PER_SECOND * ARRIVAL_JITTER_MS) / 1000;
const round = (n: number) => Math.round(n * 10) / 10;
const CONFIG = fileURLToPath(new URL('../../examples/coverage.yaml', import.meta.url));

const bin = findPostgresBin();
if (!bin && process.env.CI) throw new Error('the fault suite needs PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql');
const describeFaults = bin ? describe : describe.skip;
const title = bin ? 'three instances on PostgreSQL through faults' : 'three instances on PostgreSQL through faults (skipped: no initdb/pg_ctl under /usr/lib/postgresql)';

interface RunReport {
  readonly outcomes: readonly DeliveryOutcome[];
  readonly calls: readonly FakeZendeskCall[];
  readonly jiraCalls: readonly FakeJiraCall[];
  readonly jobs: readonly { id: number; helpdesk: string; ticket_id: string; state: string; last_error: string | null; attempts: number }[];
  readonly deliveries: readonly { event_id: string; helpdesk: string; ticket_id: string; state: string | null }[];
  readonly proposals: readonly { helpdesk: string; ticket_id: string; number: string; version: number; status: string }[];
  readonly sigterm: { held: number; leftLeased: number; exit: number | string; ms: number; output: string };
  readonly sigkill: { held: number };
  readonly postgresDownMs: number;
  /** Instances that were not ready again after the PostgreSQL restart, with their last output. */
  readonly lostInRestart: readonly string[];
  readonly timings: Record<string, number>;
}

const log = (line: string) => process.stdout.write(`[faults] ${line}\n`);

describeFaults(title, () => {
  let cluster: PostgresCluster | undefined;
  let fake: FakeZendesk | undefined;
  let jira: FakeJira | undefined;
  let proxy: RoundRobinProxy | undefined;
  let db: pg.Pool | undefined;
  const instances: (ServiceProcess | undefined)[] = [];
  const world = buildFaultWorld(TICKETS);
  const jiraIssues = buildJiraFaultWorld(JIRA_ISSUES);
  let report: RunReport;

  beforeAll(async () => {
    const t0 = Date.now();
    const timings: Record<string, number> = {};
    const mark = (name: string) => {
      timings[name] = Date.now() - t0;
      log(`${(timings[name] / 1000).toFixed(1)} s  ${name}`);
    };
    cluster = await startPostgresCluster(bin!);
    mark('PostgreSQL cluster up');
    fake = await startFakeZendesk({ ...world, agentId: AGENT_ID });
    jira = await startFakeJira(jiraIssues, { botAccountId: JIRA_BOT });
    const databaseUrl = `${cluster.url}?schema=${SCHEMA}`;
    db = new pg.Pool({ connectionString: cluster.url, options: `-c search_path=${SCHEMA}`, max: 2 });
    db.on('error', () => {});
    const env = {
      INSCOPE_CONFIG: CONFIG,
      DATABASE_URL: databaseUrl,
      ZENDESK_SUBDOMAIN: 'veldhuis',
      ZENDESK_EMAIL: 'inscope@veldhuis-software.nl',
      ZENDESK_API_TOKEN: 'fault-suite-token',
      ZENDESK_WEBHOOK_SECRET: SECRET,
      ZENDESK_BASE_URL: fake.url,
      ZENDESK_BOT_USER_ID: String(AGENT_ID),
      ZENDESK_RATE_LIMIT: String(RATE_LIMIT),
      JIRA_SITE_URL: jira.url,
      JIRA_EMAIL: 'inscope@veldhuis-software.nl',
      JIRA_API_TOKEN: 'fault-suite-jira-token',
      JIRA_WEBHOOK_SECRET: JIRA_SECRET,
      JIRA_BOT_ACCOUNT_ID: JIRA_BOT,
      JIRA_RATE_LIMIT: String(JIRA_RATE_LIMIT),
      INSCOPE_DELAY_SCALE: String(DELAY_SCALE),
      INSCOPE_LEASE_MS: '3000',
      INSCOPE_POLL_MS: '100',
      INSCOPE_RETRY_BASE_MS: '200',
      INSCOPE_WORKERS: '4',
    };
    const targets = () => instances.filter((s): s is ServiceProcess => s !== undefined).map((s) => s.url);
    const start = async (i: number) => {
      instances[i] = await spawnService(env, 120_000);
      proxy?.setTargets(targets());
    };
    // Three at once: migrations and the rate-budget table must cope with concurrent starts.
    await Promise.all([0, 1, 2].map(start));
    proxy = await startRoundRobinProxy(targets());
    mark('three instances listening');

    const random = seededRandom(SEED);
    const zendeskPlan = planDeliveries({
      secret: SECRET,
      tickets: world.tickets.map((t) => ({ ...t, id: t.id })),
      missingTicketIds: MISSING_TICKETS,
      eventsPerTicket: EVENTS_PER_TICKET,
      duplicateShare: 0.2,
      replayShare: 0.1,
      random,
    });
    const jiraPlan = planJiraDeliveries({ secret: JIRA_SECRET, issues: jiraIssues, missingKeys: MISSING_ISSUES, duplicateShare: 0.2, replayShare: 0.1, random });
    // One stream: a Jira delivery is as likely next as a Zendesk one, through the same three instances.
    const plan = { main: shuffle([...zendeskPlan.main, ...jiraPlan.main], random), replays: shuffle([...zendeskPlan.replays, ...jiraPlan.replays], random) };
    const proxyUrl = proxy.url;
    const driver = driveDeliveries({ url: () => proxyUrl, deliveries: plan.main, concurrency: 12, perSecond: 120 });
    log(`driving ${plan.main.length} deliveries (${jiraPlan.main.length} of them Jira's), then ${plan.replays.length} replays (${jiraPlan.replays.length} Jira's)`);
    const waitUntil = async (what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 120_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await probe())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const progress = (share: number) => waitUntil(`${share * 100}% of the deliveries`, () => driver.finished >= driver.total * share);
    const workerId = (s: ServiceProcess) => `${os.hostname()}-${s.pid}`;
    const leasedBy = async (s: ServiceProcess): Promise<number> => {
      try {
        const { rows } = await db!.query<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE state = 'running' AND lease_owner = $1", [workerId(s)]);
        return rows[0]?.n ?? 0;
      } catch {
        return 0;
      }
    };

    await progress(0.15);
    fake.inject({ kind: 'status', status: 429, retryAfterSec: 2 }, { times: 120 });
    jira.inject({ kind: 'status', status: 429, retryAfterSec: 2 }, { times: 60 });
    mark('429 storm: the next 120 Zendesk and 60 Jira calls answer 429 with Retry-After: 2');
    fake.inject({ kind: 'status', status: 409 }, { method: 'PUT', times: 5 });
    fake.inject({ kind: 'drop', afterApply: true }, { method: 'PUT', times: 4 });
    fake.inject({ kind: 'drop' }, { method: 'GET', times: 4 });
    // Jira: answers lost after the write landed, on each kind of write a decision makes.
    jira.inject({ kind: 'drop', afterApply: true }, { method: 'POST', path: /\/request\/[^/]+\/comment$/, times: 6 });
    jira.inject({ kind: 'drop', afterApply: true }, { method: 'POST', path: /\/request\/[^/]+\/attachment$/, times: 3 });
    jira.inject({ kind: 'drop', afterApply: true }, { method: 'POST', path: /\/transitions$/, times: 4 });
    jira.inject({ kind: 'drop', afterApply: true }, { method: 'PUT', times: 4 });
    jira.inject({ kind: 'drop' }, { method: 'GET', times: 4 });

    await progress(0.3);
    const victim = instances[0]!;
    await waitUntil('instance 0 to hold a job', async () => (await leasedBy(victim)) > 0, 60_000);
    const sigkill = { held: await leasedBy(victim) };
    await victim.kill('SIGKILL');
    mark(`SIGKILL instance 0 while it held ${sigkill.held} job(s)`);
    instances[0] = undefined;
    proxy.setTargets(targets());
    await start(0);
    mark('instance 0 restarted');

    await progress(0.45);
    mark('restarting PostgreSQL');
    const { downMs: postgresDownMs } = await cluster.restart();
    mark(`PostgreSQL back after ${postgresDownMs} ms`);
    const lostInRestart: string[] = [];
    await Promise.all(instances.map(async (s, i) => {
      const ready = async () => (await fetch(`${s!.url}/readyz`).catch(() => null))?.status === 200;
      const gone = s!.exited.then(() => true);
      await Promise.race([waitUntil(`instance ${i} to be ready`, ready, 30_000), gone]);
      if (await Promise.race([gone, Promise.resolve(false)])) lostInRestart.push(`instance ${i}: ${s!.output().slice(-6_000)}`);
    }));
    mark(`every instance ready again (${lostInRestart.length} lost)`);

    await progress(0.6);
    fake.inject({ kind: 'status', status: 500 }, { times: 80 });
    jira.inject({ kind: 'status', status: 500 }, { times: 40 });
    jira.inject({ kind: 'status', status: 503 }, { method: 'PUT', times: 6 });
    mark('500 storm: the next 80 Zendesk and 40 Jira calls answer 500 (and 6 Jira edits 503)');

    await progress(0.75);
    const leaving = instances[1]!;
    fake.inject({ kind: 'delay', ms: 400 }, { method: 'GET', times: 12 });
    jira.inject({ kind: 'delay', ms: 400 }, { method: 'GET', times: 6 });
    await waitUntil('instance 1 to hold a job', async () => (await leasedBy(leaving)) > 0, 60_000);
    const held = await leasedBy(leaving);
    const termAt = Date.now();
    const exit = await leaving.kill('SIGTERM');
    const sigterm = { held, leftLeased: await leasedBy(leaving), exit, ms: Date.now() - termAt, output: leaving.output().slice(-3_000) };
    mark(`SIGTERM instance 1 while it held ${held} job(s): exit ${exit} after ${sigterm.ms} ms, ${sigterm.leftLeased} left leased`);
    instances[1] = undefined;
    proxy.setTargets(targets());
    await start(1);
    mark('instance 1 restarted');

    await driver.done;
    mark('main deliveries answered');
    const replays = driveDeliveries({ url: () => proxyUrl, deliveries: plan.replays, concurrency: 12, perSecond: 400 });
    await replays.done;
    mark('replays answered');

    await waitUntil('the queue to settle', async () => {
      try {
        const { rows } = await db!.query<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE state IN ('queued', 'running')");
        return rows[0]?.n === 0;
      } catch {
        return false;
      }
    }, 180_000);
    mark('queue settled');
    // Every call the instances started has been answered before the log is read.
    await waitUntil('the doubles to settle', () => fake!.calls.every((c) => c.settled) && jira!.calls.every((c) => c.settled), 30_000);

    const jobs = (await db.query('SELECT id, helpdesk, ticket_id, state, last_error, attempts FROM jobs ORDER BY id')).rows;
    const deliveries = (await db.query('SELECT d.event_id, d.helpdesk, d.ticket_id, j.state FROM deliveries d LEFT JOIN jobs j ON j.id = d.job_id')).rows;
    const proposals = (await db.query('SELECT helpdesk, ticket_id, number, version, status FROM proposals ORDER BY id')).rows;
    report = { outcomes: [...driver.outcomes, ...replays.outcomes], calls: [...fake.calls], jiraCalls: [...jira.calls], jobs, deliveries, proposals, sigterm, sigkill, postgresDownMs, lostInRestart, timings };
    mark('report collected');
  // Minutes on a quiet machine; a generous bound because CI shares the cores with nothing, but a
  // developer's machine may not.
  }, 900_000);

  afterAll(async () => {
    await Promise.all(instances.map((s) => s?.kill('SIGKILL')));
    await proxy?.close();
    await fake?.close();
    await jira?.close();
    await db?.end().catch(() => {});
    cluster?.stop();
  });

  const decisionTags = (call: FakeZendeskCall): string[] => {
    const tags = (call.body as { ticket?: { tags?: unknown } } | null)?.ticket?.tags;
    return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string' && t.startsWith('inscope_d_')) : [];
  };
  /** A Jira label edit that adds a decision label: the commit of one decision (labels go last). */
  const addsDecisionLabel = (call: FakeJiraCall): boolean => {
    const ops = (call.body as { update?: { labels?: { add?: string }[] } } | null)?.update?.labels ?? [];
    // The label edit (PUT issue), or the transition that carries the labels where its screen shows them.
    const commit = (call.method === 'PUT' && call.path === `/rest/api/3/issue/${call.issueKey}`) || (call.method === 'POST' && call.path === `/rest/api/3/issue/${call.issueKey}/transitions`);
    return commit && call.applied && ops.some((op) => op.add?.startsWith('inscope_d_') === true);
  };
  const jiraLabels = (key: string): string[] => (jira!.issue(key)!.fields['labels'] as string[] | undefined) ?? [];
  const isProposalPdf = (name: string) => /^P-\d{4}-\d{4}-v\d+\.pdf$/.test(name);

  it('prints the counts', () => {
    const byStatus = countBy(report.outcomes, (o) => `${o.planned.path === '/webhooks/jira' ? 'jira ' : ''}${o.planned.kind} → ${o.status ?? 'no answer'}`);
    const retried = report.outcomes.reduce<Record<string, number>>((acc, o) => {
      for (const [k, n] of Object.entries(o.retried)) acc[k] = (acc[k] ?? 0) + n;
      return acc;
    }, {});
    const callStatus = countBy(report.calls, (c) => `${c.method} ${c.status ?? (c.fault === 'drop' ? 'dropped' : 'none')}`);
    const jiraStatus = countBy(report.jiraCalls, (c) => `${c.method} ${c.fault === 'drop' ? (c.applied ? 'dropped after the write' : 'dropped') : c.status}`);
    const applied = report.calls.filter((c) => c.method === 'PUT' && c.applied);
    log(`deliveries sent: ${report.outcomes.length}; final answers: ${JSON.stringify(byStatus)}; retried answers: ${JSON.stringify(retried)}`);
    log(`helpdesk calls: Zendesk ${report.calls.length}, by status: ${JSON.stringify(callStatus)}; applied updates: ${applied.length}`);
    log(`helpdesk calls: Jira ${report.jiraCalls.length}, by status: ${JSON.stringify(jiraStatus)}; applied writes: ${report.jiraCalls.filter((c) => c.applied).length}`);
    log(`jobs: ${JSON.stringify(countBy(report.jobs, (j) => `${j.helpdesk} ${j.state}`))}; deliveries stored: ${report.deliveries.length}; dead letters by ticket: ${JSON.stringify(countBy(report.jobs.filter((j) => j.state === 'dead'), (j) => j.ticket_id))}, reasons: ${JSON.stringify(countBy(report.jobs.filter((j) => j.state === 'dead'), (j) => (j.last_error ?? '').replace(/\d{5,6}/, 'N')))}`);
    log(`SIGKILL: instance held ${report.sigkill.held} job(s); SIGTERM: held ${report.sigterm.held}, exit ${report.sigterm.exit} after ${report.sigterm.ms} ms, ${report.sigterm.leftLeased} left leased; PostgreSQL restart took ${report.postgresDownMs} ms`);
    expect(report.outcomes.length).toBeGreaterThan(TICKETS * EVENTS_PER_TICKET + JIRA_ISSUES * JIRA_EVENTS_PER_ISSUE);
  });

  it('applies exactly one decision to every ticket and every issue: one write carrying a decision tag or label, and that one on it', () => {
    const perTicket = new Map<number, number>();
    for (const call of report.calls) {
      if (call.method === 'PUT' && call.applied && call.ticketId !== null && decisionTags(call).length > 0) perTicket.set(call.ticketId, (perTicket.get(call.ticketId) ?? 0) + 1);
    }
    // Jira: the decision labels each issue's applied label edits (or label-carrying transitions)
    // added. The client repeats an edit whose answer was lost (a PUT is idempotent, and adding a label
    // it has changes nothing), so a decision is a distinct label, not an edit; the repeats are counted apart.
    const commits = report.jiraCalls.filter(addsDecisionLabel);
    const labelsAdded = new Map<string, Set<string>>();
    for (const call of commits) {
      const added = ((call.body as { update: { labels: { add?: string }[] } }).update.labels).flatMap((op) => (op.add?.startsWith('inscope_d_') ? [op.add] : []));
      labelsAdded.set(call.issueKey!, new Set([...(labelsAdded.get(call.issueKey!) ?? []), ...added]));
    }
    const perIssue = Object.fromEntries(jiraIssues.map((i) => [i.key, labelsAdded.get(i.key)?.size ?? 0]));
    log(`decisions applied, tickets by count: Zendesk ${JSON.stringify(countBy(world.tickets, (t) => String(perTicket.get(t.id) ?? 0)))}; Jira issues by count: ${JSON.stringify(countBy(jiraIssues, (i) => String(perIssue[i.key])))} (${commits.length} committing label edits or transitions applied for ${jiraIssues.length} issues: ${commits.length - jiraIssues.length} repeated by the client after a lost answer)`);
    const wrong = world.tickets.filter((t) => perTicket.get(t.id) !== 1 || (fake!.ticket(t.id)!.tags as string[]).filter((tag) => tag.startsWith('inscope_d_')).length !== 1);
    expect(wrong.map((t) => t.id)).toEqual([]);
    const wrongIssues = jiraIssues.filter((i) => perIssue[i.key] !== 1 || jiraLabels(i.key).filter((l) => l.startsWith('inscope_d_')).length !== 1);
    expect(wrongIssues.map((i) => i.key)).toEqual([]);
  });

  it('posts no comment twice, on Zendesk or on Jira', () => {
    let comments = 0;
    const twice: string[] = [];
    for (const ticket of world.tickets) {
      const bodies = fake!.comments(ticket.id).filter((c) => c.author_id === AGENT_ID).map((c) => c.body);
      comments += bodies.length;
      if (new Set(bodies).size !== bodies.length) twice.push(String(ticket.id));
    }
    const perIssue = jiraIssues.map((i) => jira!.comments(i.key).filter((c) => c.authorId === JIRA_BOT));
    const jiraTwice = jiraIssues.filter((_, n) => new Set(perIssue[n]!.map((c) => `${c.public}|${c.body}`)).size !== perIssue[n]!.length);
    const jiraComments = perIssue.reduce((n, list) => n + list!.length, 0);
    log(`comments by InScope: Zendesk ${comments} on ${world.tickets.length} tickets, ${twice.length} with a comment twice; Jira ${jiraComments} on ${jiraIssues.length} issues (issues by comments: ${JSON.stringify(countBy(perIssue, (l) => String(l!.length)))}), ${jiraTwice.length} with a comment twice`);
    // The case the write ledger is for: the comment landed, its answer did not, the job ran again.
    const posts = report.jiraCalls.filter((c) => c.method === 'POST' && /\/request\/[^/]+\/(comment|attachment)$/.test(c.path));
    const lostAfterWrite = posts.filter((c) => c.fault === 'drop' && c.applied).length;
    const checks = report.jiraCalls.filter((c) => c.method === 'GET' && /\/request\/[^/]+\/comment$/.test(c.path)).length;
    // (A follow-up note, the proposal's internal one, has no ledger: its lost answer is recorded, not retried.)
    log(`Jira: ${lostAfterWrite} comments or request attachments whose answer was lost after they landed; ${checks} retries read the request's comments before writing (the ledger said a comment might be there)`);
    expect(twice).toEqual([]);
    expect(jiraTwice.map((i) => i.key)).toEqual([]);
  });

  it('sends no proposal twice: one numbered proposal and one PDF per advisory ticket or issue at most', () => {
    const zendesk = report.proposals.filter((p) => p.helpdesk === 'zendesk');
    const sent = zendesk.filter((p) => p.status === 'sent');
    const perTicket = countBy(report.proposals, (p) => `${p.helpdesk} ${p.ticket_id}`);
    const withPdf = world.tickets.map((t) => fake!.comments(t.id).filter((c) => c.author_id === AGENT_ID && Array.isArray(c.attachments) && c.attachments.length > 0).length);
    const uploads = report.calls.filter((c) => c.method === 'POST' && c.applied).length;
    log(`proposals: ${report.proposals.length} in the store (${JSON.stringify(countBy(report.proposals, (p) => `${p.helpdesk} ${p.status}`))}), ${new Set(report.proposals.map((p) => p.number)).size} distinct numbers`);
    log(`Zendesk: tickets with a PDF comment: ${withPdf.filter((n) => n > 0).length}; uploads applied: ${uploads} (an upload whose update failed is re-made on the retry; Zendesk drops unused upload tokens)`);
    expect(Object.values(perTicket).filter((n) => n > 1)).toEqual([]);
    expect(new Set(report.proposals.map((p) => p.number)).size).toBe(report.proposals.length);
    expect(withPdf.filter((n) => n > 1)).toEqual([]);
    expect(withPdf.filter((n) => n === 1)).toHaveLength(sent.length);

    // Jira: per advisory issue, the proposals in the store, the PDFs among the issue's attachments
    // and the comments that carried them (JSM's request attachment makes both in one call).
    const advisory = jiraIssues.filter((i) => jiraLabels(i.key).includes('inscope_advisory'));
    const jiraSent = report.proposals.filter((p) => p.helpdesk === 'jira' && p.status === 'sent');
    const pdfs = advisory.map((i) => ((jira!.issue(i.key)!.fields['attachment'] as { filename: string }[] | undefined) ?? []).filter((a) => isProposalPdf(a.filename)).length);
    const pdfComments = advisory.map((i) => jira!.comments(i.key).filter((c) => c.attachments.length > 0).length);
    const proposalsPer = advisory.map((i) => report.proposals.filter((p) => p.helpdesk === 'jira' && p.ticket_id === i.key).length);
    const temporary = report.jiraCalls.filter((c) => c.path.endsWith('/attachTemporaryFile') && c.applied).length;
    log(`Jira: ${advisory.length} advisory issues; by proposals: ${JSON.stringify(countBy(proposalsPer, String))}; by PDF attachments: ${JSON.stringify(countBy(pdfs, String))}; by comments with the PDF: ${JSON.stringify(countBy(pdfComments, String))}; temporary files uploaded: ${temporary} (one whose request attachment failed is made again on the retry; JSM lets unused ones expire)`);
    expect(advisory.length).toBeGreaterThan(0);
    expect(proposalsPer.filter((n) => n > 1)).toEqual([]);
    expect(pdfs.filter((n) => n > 1)).toEqual([]);
    expect(pdfComments.filter((n) => n > 1)).toEqual([]);
    expect(pdfs.filter((n) => n === 1)).toHaveLength(jiraSent.length);
  });

  it('loses no delivery: every signed delivery was answered 2xx, stored once, and its ticket triaged', () => {
    const signed = report.outcomes.filter((o) => o.planned.kind !== 'bad');
    const unanswered = signed.filter((o) => o.status === null || o.status >= 300);
    const stored = new Set(report.deliveries.map((d) => d.event_id));
    const planned = new Set(signed.map((o) => o.planned.eventId));
    const missing = new Set<string>([...MISSING_TICKETS.map(String), ...MISSING_ISSUES]);
    const unfinished = report.deliveries.filter((d) => d.state !== 'done' && !(d.state === 'dead' && missing.has(d.ticket_id)));
    const isJira = (o: DeliveryOutcome) => o.planned.path === '/webhooks/jira';
    const lost = (jiraOnes: boolean) => {
      const mine = signed.filter((o) => isJira(o) === jiraOnes);
      const ids = new Set(mine.map((o) => o.planned.eventId));
      return `${ids.size} events, ${mine.filter((o) => o.status === null || o.status >= 300).length} unanswered, ${[...ids].filter((id) => !stored.has(id)).length} not stored, ${unfinished.filter((d) => d.helpdesk === (jiraOnes ? 'jira' : 'zendesk')).length} not triaged`;
    };
    log(`lost deliveries: Zendesk ${lost(false)}; Jira ${lost(true)}`);
    expect(unanswered.map((o) => `${o.planned.eventId}: ${o.status} ${o.answer}`)).toEqual([]);
    expect([...planned].filter((id) => !stored.has(id))).toEqual([]);
    expect([...stored].filter((id) => !planned.has(id))).toEqual([]);
    expect(report.deliveries.length).toBe(planned.size);
    // At most one copy of an event was accepted (202); the others were duplicates.
    const accepted = countBy(signed.filter((o) => o.status === 202), (o) => o.planned.eventId);
    expect(Object.values(accepted).filter((n) => n > 1)).toEqual([]);
    expect(unfinished).toEqual([]);
    log(`deliveries: ${planned.size} distinct events stored exactly once, ${Object.keys(accepted).length} accepted with 202, the rest answered as duplicates`);
  });

  it('refuses every bad delivery with its 4xx before storing anything', () => {
    const bad = report.outcomes.filter((o) => o.planned.kind === 'bad');
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.filter((o) => o.status !== o.planned.expectStatus).map((o) => `${o.planned.label}: ${o.status}`)).toEqual([]);
    expect(report.deliveries.filter((d) => d.ticket_id === String(BAD_TICKET_ID))).toEqual([]);
    log(`bad deliveries: ${JSON.stringify(countBy(bad, (o) => `${o.planned.label} → ${o.status}`))}`);
  });

  it('dead-letters only the tickets and issues the helpdesk does not know, each with its reason', () => {
    // A missing ticket's later deliveries open new jobs, which die the same way.
    const dead = report.jobs.filter((j) => j.state === 'dead');
    expect([...new Set(dead.map((j) => j.ticket_id))].sort()).toEqual([...MISSING_TICKETS.map(String), ...MISSING_ISSUES].sort());
    const missing = new Set<string>([...MISSING_TICKETS.map(String), ...MISSING_ISSUES]);
    const deadDeliveries = report.deliveries.filter((d) => d.state === 'dead');
    expect(deadDeliveries.filter((d) => !missing.has(d.ticket_id))).toEqual([]);
    expect(deadDeliveries).toHaveLength(MISSING_TICKETS.length * EVENTS_PER_TICKET + MISSING_ISSUES.length * JIRA_EVENTS_PER_ISSUE);
    for (const job of dead) expect(job.last_error).toMatch(/^notFound 404/);
  });

  it('keeps every instance running through the PostgreSQL restart', () => {
    expect(report.lostInRestart).toEqual([]);
  });

  it('finishes or releases every job of an instance stopped with SIGTERM', () => {
    expect(report.sigterm.held).toBeGreaterThan(0);
    expect(report.sigterm.exit, report.sigterm.output).toBe(0);
    expect(report.sigterm.leftLeased).toBe(0);
  });

  it('keeps the three instances together under the account budget', () => {
    const times = report.calls.map((c) => c.at).sort((a, b) => a - b);
    const worst = (windowMs: number) => {
      let max = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= windowMs) j++;
        max = Math.max(max, i - j + 1);
      }
      return max;
    };
    const span = (times.at(-1)! - times[0]!) / 1000;
    const lines: string[] = [];
    for (const windowMs of [1_000, 5_000]) {
      const allowed = round(BURST + (BUDGET_PER_SECOND * windowMs) / 1000);
      const seen = worst(windowMs);
      lines.push(`${seen} calls in the busiest ${windowMs / 1000} s (allowed ${allowed}, ${round(allowed + ARRIVAL_SLACK)} with arrival jitter)`);
      // The budget holds when a call is reserved; the double sees it when it arrives. Calls reserved
      // up to ARRIVAL_JITTER_MS apart on a busy machine can arrive together: that many calls' worth of
      // slack, whatever the window (a fixed 5% was 3 calls in the 1 s window, which a 2-core machine
      // overran by one call in one run of four). Three instances each on its own budget would be 3×.
      expect(seen).toBeLessThanOrEqual(allowed + ARRIVAL_SLACK);
    }
    log(`rate: budget ${BUDGET_PER_MINUTE}/min at delay scale ${DELAY_SCALE} = ${round(BUDGET_PER_SECOND)}/s, burst ${BURST}; ${times.length} calls over ${span.toFixed(1)} s (${(times.length / span).toFixed(1)}/s on average); ${lines.join('; ')}`);
  });
});

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
