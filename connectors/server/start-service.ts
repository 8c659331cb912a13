// Composes the connector: config and engine, store, Zendesk adapter (live or shadow), worker pool,
// and the Express app (webhook intake, sidebar API, operator endpoints). `inscope serve` and the
// integration tests start the service through this one function.
import express, { type NextFunction, type Request, type Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import { compileRules } from '../../rules/index.js';
import { composeJira } from '../jira/compose-jira.js';
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import { createAppJwtMiddleware } from '../http/create-app-jwt-middleware.js';
import { createForgeInvocationMiddleware } from '../http/create-forge-invocation-middleware.js';
import { readForgeSettings, type ForgeSettings } from '../http/read-forge-settings.js';
import { createForgeKeySet } from '../http/verify-forge-invocation-token.js';
import { sendJsonError } from '../http/send-json-error.js';
import { securityHeaders } from '../http/security-headers.js';
import { createProposalFlow, type ProposalFlow } from '../proposals/create-proposal-flow.js';
import { createProposalJobHooks } from '../proposals/create-proposal-job-hooks.js';
import { resolveProposalSecret } from '../proposals/proposal-secret.js';
import { loadProposalTemplates } from '../proposals/proposal-templates.js';
import { loadBudgetReport } from '../reports/load-budget-report.js';
import { toHtml } from '../reports/render-budget-report.js';
import { isReportMonth, REPORT_MONTH_HINT } from '../reports/report-month.js';
import { openRateBudget } from '../store/open-rate-budget.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { createSharedPacer } from '../shared/create-shared-pacer.js';
import { createZendeskClient, type ZendeskClient } from '../zendesk/client/create-zendesk-client.js';
import { createShadowZendeskHelpdesk } from '../zendesk/create-shadow-zendesk-helpdesk.js';
import { createZendeskHelpdesk } from '../zendesk/create-zendesk-helpdesk.js';
import { createZendeskWebhookRouter } from '../zendesk/webhook/create-zendesk-webhook-router.js';
import { EMPTY_ZENDESK_MAPPING } from '../zendesk/zendesk-mapping.js';
import { createWorkerPool, type WorkerPool } from '../worker/create-worker-pool.js';
import { processJob, recordCall } from '../worker/process-job.js';
import { createMetrics, type Metrics } from './create-metrics.js';
import { createProposalRouter } from './create-proposal-router.js';
import { createSidebarRouter } from './create-sidebar-router.js';
import type { Settings } from './read-settings.js';
import { renderStatusPage } from './render-status-page.js';

export interface ServiceOptions {
  readonly settings: Settings;
  readonly now?: () => number;
  readonly random?: () => number;
  /** Scales every retry and pacing delay; tests use a small value. */
  readonly delayScale?: number;
  readonly pollMs?: number;
  readonly retryBaseMs?: number;
  readonly leaseMs?: number;
  readonly workerId?: string;
  /** Start the HTTP server and workers (default true); tests may drive the pool themselves. */
  readonly startWorkers?: boolean;
  /** Forge Remote settings for the Jira sidebar; default FORGE_APP_ID / FORGE_JWKS_URL from the environment. */
  readonly forge?: ForgeSettings | null;
  /** How often the proposal expiry sweep runs (default one minute); 0 turns the timer off. */
  readonly sweepMs?: number;
}

export interface Service {
  readonly url: string;
  /** Where the webhook signing secret came from. */
  readonly webhookSecretSource: 'environment' | 'store' | 'none';
  readonly mode: 'live' | 'shadow';
  readonly loaded: LoadedConfig;
  readonly store: Store;
  readonly pool: WorkerPool;
  readonly metrics: Metrics;
  readonly client: ZendeskClient | null;
  readonly server: Server;
  readonly proposals: ProposalFlow;
  /** Runs the proposal expiry sweep now (the timer calls the same). */
  sweepProposals(): Promise<number>;
  close(): Promise<void>;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class StartupError extends Error {
  override name = 'StartupError';
}

export async function startService(options: ServiceOptions): Promise<Service> {
  const { settings } = options;
  const now = options.now ?? Date.now;
  const loaded = await loadConfig(settings.configFile);
  const config = loaded.config;
  const engine = compileRules(config, { configHash: loaded.hash });

  const configured = config.connector.mode;
  if (configured === 'live' && !settings.zendesk && !settings.jira) throw new StartupError('mode is "live" in the config but no Zendesk credentials are set (ZENDESK_SUBDOMAIN with ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN)');
  const mode: 'live' | 'shadow' = configured === 'shadow' || !settings.zendesk ? 'shadow' : 'live';
  const mapping = config.helpdesks?.zendesk;
  if (mode === 'live' && !mapping) throw new StartupError('live mode needs helpdesks.zendesk in the config (category field, statuses, fields)');

  const metrics = createMetrics();
  const store = await openStore(settings.databaseUrl, { now });
  await store.migrate();
  // `inscope zendesk setup` keeps the webhook's signing secret in the store; the environment wins.
  const storedSecret = settings.webhookSecrets.length === 0 ? await store.getSetting('zendesk.webhook_secret') : null;
  const webhookSecrets = storedSecret ? [storedSecret] : settings.webhookSecrets;

  // Instances on one PostgreSQL database draw from one budget per account (create-shared-pacer.ts).
  let budgetErrorLoggedAt = 0;
  const rateBudget = mode === 'live' && settings.zendesk ? await openRateBudget(settings.databaseUrl) : null;
  const client =
    mode === 'live' && settings.zendesk
      ? createZendeskClient({
          subdomain: settings.zendesk.subdomain,
          auth: settings.zendesk.auth,
          rateLimitPerMinute: settings.rateLimitPerMinute,
          ...(rateBudget && {
            pacer: createSharedPacer({
              budget: rateBudget,
              account: `zendesk:${settings.zendesk.subdomain}`,
              // The same share of the plan limit the client's own pacer takes (budgetShare 0.8).
              ratePerMinute: settings.rateLimitPerMinute * 0.8,
              delayScale: options.delayScale ?? settings.delayScale,
              onError: (error) => {
                metrics.inc('inscope_store_errors_total');
                if (Date.now() - budgetErrorLoggedAt < 10_000) return;
                budgetErrorLoggedAt = Date.now();
                process.stderr.write(`shared rate budget unreachable (waiting, then pacing in-process): ${error instanceof Error ? error.message : String(error)}\n`);
              },
            }),
          }),
          now,
          ...(settings.zendeskBaseUrl && { baseUrl: settings.zendeskBaseUrl }),
          delayScale: options.delayScale ?? settings.delayScale,
          ...(options.random !== undefined && { random: options.random }),
          onCall: (call) => {
            recordCall({ method: call.method, path: call.path, status: call.status ?? 0, durationMs: call.durationMs });
            metrics.inc('inscope_api_calls_total', { method: call.method, status: String(call.status ?? 'network') });
          },
        })
      : null;
  const helpdesk = client ? createZendeskHelpdesk(client, mapping!) : createShadowZendeskHelpdesk(mapping ?? EMPTY_ZENDESK_MAPPING);
  // InScope's own updates come back as events; recognising its user saves the two reads per echo
  // (the decision tag would make them no-ops anyway). Without it, the decision tag is the guard.
  let botUserId = settings.zendeskBotUserId;
  if (client && botUserId === null) {
    try {
      botUserId = String((await client.getCurrentUser()).id);
    } catch {
      botUserId = null;
    }
  }
  const isOwnUpdate = (d: { actorId?: string; comment?: { authorId?: string } }) =>
    botUserId !== null && (d.actorId === botUserId || d.comment?.authorId === botUserId);
  // One tenant per process for now: the store keys everything by the Zendesk subdomain.
  const accountId = settings.zendeskSubdomain ?? 'default';
  const jira = await composeJira({
    jira: settings.jira,
    webhookSecrets: settings.jiraWebhookSecrets,
    botAccountId: settings.jiraBotAccountId,
    rateLimitPerMinute: settings.jiraRateLimitPerMinute,
    config,
    store,
    now,
    delayScale: options.delayScale ?? settings.delayScale,
    ...(options.random !== undefined && { random: options.random }),
    onCall: (call) => {
      recordCall({ method: call.method, path: call.path, status: call.status ?? 0, durationMs: call.durationMs });
      metrics.inc('inscope_api_calls_total', { method: call.method, status: String(call.status ?? 'network') });
    },
    onDelivery: (result) => metrics.inc('inscope_deliveries_total', { helpdesk: 'jira', result }),
    wake: () => pool.wake(),
  });

  // Proposals: templates are checked at start (a broken override stops the service, naming the
  // file); the link-signing secret comes from the environment or the store, never from a log.
  const templates = await loadProposalTemplates({
    ...(config.proposals.templatesDir === undefined ? {} : { templatesDir: config.proposals.templatesDir }),
    baseDir: path.dirname(loaded.file),
  });
  const { secret: proposalSecret } = await resolveProposalSecret(store, settings.proposalSecret ?? undefined);
  const proposals = createProposalFlow({
    store, config: () => config, configHash: () => loaded.hash, templates, secret: proposalSecret, publicUrl: settings.publicUrl, now,
    shadowDir: settings.proposalsDir ?? defaultProposalsDir(settings.databaseUrl),
  });
  const proposalHooks = createProposalJobHooks(proposals);

  const pool = createWorkerPool({
    store,
    concurrency: settings.workers,
    workerId: options.workerId ?? `${os.hostname()}-${process.pid}`,
    now,
    leaseMs: options.leaseMs ?? settings.leaseMs,
    pollMs: options.pollMs ?? settings.pollMs,
    retryBaseMs: options.retryBaseMs ?? settings.retryBaseMs,
    ...(options.random !== undefined && { random: options.random }),
    process: async (job) => {
      const result = await processJob(job, {
        store,
        helpdesk: job.helpdesk === 'jira' ? jira.helpdesk : helpdesk,
        engine: () => engine,
        now,
        proposals: proposalHooks,
        plan: { tagPrefix: config.connector.tagPrefix, pathGuard: config.connector.pathGuard, requestMissingInfo: config.connector.requestMissingInfo, agentLocale: config.defaults.locale },
      });
      metrics.inc('inscope_verdicts_total', { outcome: result.outcome, kind: result.kind });
      return result;
    },
    onStoreError: (error) => {
      metrics.inc('inscope_store_errors_total');
      process.stderr.write(`store error in a worker loop (it retries): ${error instanceof Error ? error.message : String(error)}\n`);
    },
    onResult: (job, result) => {
      metrics.inc('inscope_jobs_total', { result });
      if (result === 'done') metrics.observe('inscope_job_latency_seconds', Math.max(0, now() - job.createdAt) / 1000);
    },
  });

  const enqueue = async (ticketId: string, reason: string) => {
    const id = `reevaluate-${ticketId}-${now()}-${Math.floor((options.random ?? Math.random)() * 1e9)}`;
    await store.recordDelivery({ helpdesk: 'zendesk', accountId, deliveryId: id, eventId: id, eventType: 'inscope.reevaluate', ticketId, receivedAt: now(), payload: JSON.stringify({ reason }) });
    pool.wake();
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders());

  app.use(
    createZendeskWebhookRouter({
      secrets: () => webhookSecrets,
      now,
      accept: async (delivery) => {
        if (isOwnUpdate(delivery)) {
          metrics.inc('inscope_deliveries_total', { helpdesk: 'zendesk', result: 'own_update' });
          return { status: 'ignored' };
        }
        const result = await store.recordDelivery({
          helpdesk: 'zendesk',
          accountId,
          deliveryId: delivery.deliveryId,
          eventId: delivery.eventId,
          eventType: delivery.eventType,
          ticketId: delivery.ticketId,
          receivedAt: now(),
          payload: JSON.stringify(delivery),
        });
        metrics.inc('inscope_deliveries_total', { helpdesk: 'zendesk', result: result.status });
        if (result.status === 'accepted') pool.wake();
        return { status: result.status };
      },
      onRejected: (reason) => metrics.inc('inscope_deliveries_total', { helpdesk: 'zendesk', result: reason }),
    }),
  );

  app.use(jira.router);
  app.use(createProposalRouter({ flow: proposals, helpdeskFor: (kind) => (kind === 'jira' ? jira.helpdesk : helpdesk), locale: () => config.defaults.locale }));

  app.use(
    '/api/v1/zendesk',
    createAppJwtMiddleware({ secret: () => settings.appSecret ?? '', now: () => now(), maxLifetimeSec: 3600 }),
    createSidebarRouter({ store, helpdesk, engine: () => engine, config: () => config, accountId, now, enqueue, proposals }),
  );

  // The Jira sidebar (the Forge app, apps/jira/) calls the same API over Forge Remote: each request
  // carries a Forge Invocation Token instead of the Zendesk app JWT, and tickets are issue keys.
  // Without FORGE_APP_ID every call answers 503 not_configured.
  const forge = options.forge === undefined ? readForgeSettings() : options.forge;
  const enqueueJira = async (ticketId: string, reason: string) => {
    const id = `reevaluate-${ticketId}-${now()}-${Math.floor((options.random ?? Math.random)() * 1e9)}`;
    await store.recordDelivery({ helpdesk: 'jira', accountId: jira.accountId, deliveryId: id, eventId: id, eventType: 'inscope.reevaluate', ticketId, receivedAt: now(), payload: JSON.stringify({ reason }) });
    pool.wake();
  };
  app.use(
    '/api/v1/jira',
    createForgeInvocationMiddleware({ appId: () => forge?.appId ?? '', keys: createForgeKeySet(forge?.jwksUrl), installations: () => forge?.installations ?? [], now: () => now() }),
    createSidebarRouter({
      store, helpdesk: jira.helpdesk, engine: () => engine, config: () => config, accountId: jira.accountId, now, enqueue: enqueueJira,
      helpdeskKind: 'jira', ticketId: { pattern: /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,18}$/, hint: 'The ticket id must be a Jira issue key such as SUP-42' },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await store.ping();
      res.json({ ok: true, store: 'reachable', config: loaded.hash, mode });
    } catch {
      sendJsonError(res, 503, 'store_unreachable', 'The store does not answer');
    }
  });
  metrics.gauge('inscope_queue_depth', 'Jobs in the queue by state.', () => store.queueDepth());
  // The port faces the internet (Zendesk must reach the webhook), but the status page and metrics
  // show ticket ids, notes and agents: loopback only, or a bearer token when INSCOPE_ADMIN_TOKEN is set.
  const adminOnly = (req: Request, res: Response, next: NextFunction) => {
    const token = settings.adminToken;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token ? bearer !== undefined && safeEqual(bearer, token) : isLoopback(req.socket.remoteAddress)) return next();
    res.set('WWW-Authenticate', 'Bearer');
    sendJsonError(res, 401, 'admin_only', token ? 'Authorization: Bearer <INSCOPE_ADMIN_TOKEN> is required' : 'Only served to loopback clients; set INSCOPE_ADMIN_TOKEN to allow others');
  };
  app.get('/metrics', adminOnly, async (_req, res) => {
    res.type('text/plain; version=0.0.4').send(await metrics.render());
  });
  app.get('/', adminOnly, async (_req, res) => {
    const [queue, audit] = await Promise.all([store.queueDepth(), store.listAudit({ limit: 50 })]);
    res.type('html').send(
      renderStatusPage({
        mode,
        configFile: loaded.file,
        configSummary: loaded.summary,
        queue,
        decisions: audit,
        ticketUrl: (id) => (settings.zendeskSubdomain ? `https://${settings.zendeskSubdomain}.zendesk.com/agent/tickets/${encodeURIComponent(id)}` : null),
      }),
    );
  });
  app.get('/reports/budget', adminOnly, async (req, res) => {
    const month = req.query.month;
    if (!isReportMonth(month)) return sendJsonError(res, 400, 'bad_month', `month: ${REPORT_MONTH_HINT}`);
    const org = typeof req.query.org === 'string' && req.query.org !== '' ? req.query.org : undefined;
    res.type('html').send(toHtml(await loadBudgetReport(store, config, month, org), month));
  });
  app.use((_req: Request, res: Response) => sendJsonError(res, 404, 'not_found', 'No such endpoint'));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    // Body-parser errors carry their own 4xx status (malformed JSON, too large); keep it, never the stack.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return sendJsonError(res, status, status === 413 ? 'too_large' : 'bad_request', status === 413 ? 'Request body too large' : 'Malformed request');
    sendJsonError(res, 500, 'internal', 'Internal error');
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(settings.port, settings.host, () => resolve(s));
    s.once('error', reject);
  });
  // A client that sends headers and then trickles its body must not hold a socket for minutes: the
  // helpdesks deliver within seconds (Zendesk gives up after about 10 s).
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const host = settings.host === '0.0.0.0' || settings.host === '::' ? 'localhost' : settings.host;
  if (options.startWorkers !== false) pool.start();
  const sweepProposals = async () => (await proposals.sweepExpired((kind) => (kind === 'jira' ? jira.helpdesk : helpdesk))).length;
  const sweepMs = options.sweepMs ?? 60_000;
  const sweepTimer = sweepMs > 0 && options.startWorkers !== false
    ? setInterval(() => {
      sweepProposals().catch(() => metrics.inc('inscope_store_errors_total'));
    }, sweepMs)
    : null;
  sweepTimer?.unref();

  return {
    url: `http://${host}:${port}`,
    webhookSecretSource: storedSecret ? 'store' : webhookSecrets.length > 0 ? 'environment' : 'none',
    mode,
    loaded,
    store,
    pool,
    metrics,
    client,
    server,
    proposals,
    sweepProposals,
    async close() {
      if (sweepTimer) clearInterval(sweepTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await pool.stop();
      await rateBudget?.close();
      await store.close();
    },
  };
}

/** Shadow-mode PDFs go beside a SQLite database (`data/proposals/`), else under ./data/proposals. */
function defaultProposalsDir(databaseUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) && !databaseUrl.startsWith('file:')) return path.resolve('data', 'proposals');
  const file = databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length).replace(/^\/\//, '') : databaseUrl;
  return path.join(path.dirname(path.resolve(file)), 'proposals');
}
