// Composes one helpdesk account's half of the service: its config and engine, its own store, its
// Zendesk and Jira adapters (live or shadow), proposals, and a worker pool of its own, plus the
// Express router of its endpoints. start-service.ts mounts the router at the root for the
// single-account deployment, or at /t/<id> for each tenant of a tenants file. Because each tenant
// has its own store and its own workers, one tenant's flood or helpdesk outage queues and backs
// off on that tenant's workers only: the others' jobs never wait behind it.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import path from 'node:path';
import { compileRules } from '../../rules/index.js';
import { compileOptions, loadConfig, type LoadedConfig } from '../config/load-config.js';
import { authorizeZendeskTicket } from '../zendesk/authorize-zendesk-ticket.js';
import { createAppJwtMiddleware, getAppClaims } from '../http/create-app-jwt-middleware.js';
import { authorizeForgeIssue } from '../http/authorize-forge-issue.js';
import { createForgeInvocationMiddleware, getForgeInvocation } from '../http/create-forge-invocation-middleware.js';
import type { ForgeSettings } from '../http/read-forge-settings.js';
import { createForgeKeySet } from '../http/verify-forge-invocation-token.js';
import { sendJsonError } from '../http/send-json-error.js';
import { composeJira } from '../jira/compose-jira.js';
import { createProposalFlow, type ProposalFlow } from '../proposals/create-proposal-flow.js';
import { createProposalJobHooks } from '../proposals/create-proposal-job-hooks.js';
import { resolveProposalSecret } from '../proposals/proposal-secret.js';
import { loadProposalTemplates } from '../proposals/proposal-templates.js';
import { actualsSinceProblem, defaultActualsFrom, loadActualsReport } from '../reports/load-actuals-report.js';
import { loadBudgetReport } from '../reports/load-budget-report.js';
import { toHtml } from '../reports/render-budget-report.js';
import { isReportMonth, REPORT_MONTH_HINT } from '../reports/report-month.js';
import { createSharedPacer } from '../shared/create-shared-pacer.js';
import { openRateBudget } from '../store/open-rate-budget.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { createWorkerPool, type WorkerPool } from '../worker/create-worker-pool.js';
import { processJob, recordCall } from '../worker/process-job.js';
import { createZendeskClient, type ZendeskClient } from '../zendesk/client/create-zendesk-client.js';
import { createZendeskAgentCheck } from '../zendesk/create-zendesk-agent-check.js';
import { createShadowZendeskHelpdesk } from '../zendesk/create-shadow-zendesk-helpdesk.js';
import { createZendeskHelpdesk } from '../zendesk/create-zendesk-helpdesk.js';
import { createZendeskWebhookRouter } from '../zendesk/webhook/create-zendesk-webhook-router.js';
import { EMPTY_ZENDESK_MAPPING } from '../zendesk/zendesk-mapping.js';
import type { Metrics } from './create-metrics.js';
import { createProposalRouter } from './create-proposal-router.js';
import { createSidebarRouter } from './create-sidebar-router.js';
import type { Settings } from './read-settings.js';
import { renderStatusPage } from './render-status-page.js';
import { serviceMode } from './service-mode.js';

export class StartupError extends Error {
  override name = 'StartupError';
}

export interface TenantOptions {
  /** null: the single-account deployment, served at the root. */
  readonly id: string | null;
  readonly settings: Settings;
  /** This tenant's view of the process's metrics (labelled with the tenant when there are several). */
  readonly metrics: Metrics;
  readonly adminOnly: (req: Request, res: Response, next: NextFunction) => void;
  readonly now: () => number;
  readonly random?: () => number;
  readonly delayScale: number;
  readonly pollMs: number;
  readonly retryBaseMs: number;
  readonly leaseMs: number;
  readonly workerId: string;
  readonly forge: ForgeSettings | null;
  readonly sweepMs: number;
  /** Writes one structured log line (JSON, no newline); default: stdout. */
  readonly log?: (line: string) => void;
}

export interface TenantService {
  readonly id: string | null;
  readonly settings: Settings;
  readonly mode: 'live' | 'shadow';
  readonly loaded: LoadedConfig;
  readonly store: Store;
  readonly pool: WorkerPool;
  readonly client: ZendeskClient | null;
  readonly proposals: ProposalFlow;
  /** Where the Zendesk webhook signing secret came from. */
  readonly webhookSecretSource: 'environment' | 'store' | 'none';
  /** The Jira half: live with credentials and a mapping, else shadow; where its webhook secret came from. */
  readonly jira: { readonly mode: 'live' | 'shadow'; readonly webhookSecretSource: 'environment' | 'store' | 'none' };
  /** Webhooks, proposal pages, sidebar APIs, status page and budget report, relative to the tenant's prefix. */
  readonly router: Router;
  sweepProposals(): Promise<number>;
  /** Starts the workers and the proposal expiry timer. */
  start(): void;
  close(): Promise<void>;
}

export async function composeTenant(options: TenantOptions): Promise<TenantService> {
  const { settings, metrics, now } = options;
  const loaded = await loadConfig(settings.configFile);
  const config = loaded.config;
  const engine = compileRules(config, compileOptions(loaded));
  const who = options.id === null ? '' : `tenant ${options.id}: `;
  const log = options.log ?? ((line: string) => { process.stdout.write(`${line}\n`); });

  const configured = config.connector.mode;
  if (configured === 'live' && !settings.zendesk && !settings.jira) {
    throw new StartupError(options.id === null
      ? 'mode is "live" in the config but no Zendesk credentials are set (ZENDESK_SUBDOMAIN with ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN)'
      : `${who}mode is "live" in its config but the tenants file gives it no Zendesk credentials (zendesk.email with zendesk.apiToken, or zendesk.oauthToken)`);
  }
  const mode = serviceMode(configured, settings);
  const mapping = config.helpdesks?.zendesk;
  if (mode === 'live' && !mapping) throw new StartupError(`${who}live mode needs helpdesks.zendesk in the config (category field, statuses, fields)`);

  // Every tenant has a pool of its own on PostgreSQL: sized to its workers (plus intake, sidebar and
  // lease renewals) rather than the default 10, so that many tenants fit in max_connections.
  const store = await openStore(settings.databaseUrl, { now, ...(options.id !== null && { maxConnections: settings.workers + 3 }) });
  const opened: { close(): Promise<void> }[] = [store];
  try {
    await store.migrate();
    // `inscope zendesk setup` keeps the webhook's signing secret in the store; the environment wins.
    const storedSecret = settings.webhookSecrets.length === 0 ? await store.getSetting('zendesk.webhook_secret') : null;
    const webhookSecrets = storedSecret ? [storedSecret] : settings.webhookSecrets;

    // Instances on one PostgreSQL database draw from one budget per account (create-shared-pacer.ts),
    // Zendesk's and Jira's alike.
    let budgetErrorLoggedAt = 0;
    const onBudgetError = (error: unknown): void => {
      metrics.inc('inscope_store_errors_total');
      if (Date.now() - budgetErrorLoggedAt < 10_000) return;
      budgetErrorLoggedAt = Date.now();
      process.stderr.write(`${who}shared rate budget unreachable (waiting, then pacing in-process): ${error instanceof Error ? error.message : String(error)}\n`);
    };
    // The same condition composeJira goes live on.
    const jiraLive = configured !== 'shadow' && settings.jira !== null && config.helpdesks?.jira !== undefined;
    const rateBudget = (mode === 'live' && settings.zendesk) || jiraLive ? await openRateBudget(settings.databaseUrl) : null;
    if (rateBudget) opened.push(rateBudget);
    const onCall = (call: { method: string; path: string; status?: number | null; durationMs: number }) => {
      recordCall({ method: call.method, path: call.path, status: call.status ?? 0, durationMs: call.durationMs });
      metrics.inc('inscope_api_calls_total', { method: call.method, status: String(call.status ?? 'network') });
    };
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
                delayScale: options.delayScale,
                onError: onBudgetError,
              }),
            }),
            now,
            ...(settings.zendeskBaseUrl && { baseUrl: settings.zendeskBaseUrl }),
            delayScale: options.delayScale,
            ...(options.random !== undefined && { random: options.random }),
            onCall,
          })
        : null;
    const helpdesk = client ? createZendeskHelpdesk(client, mapping!) : createShadowZendeskHelpdesk(mapping ?? EMPTY_ZENDESK_MAPPING);
    const checkAgent = client ? createZendeskAgentCheck(client, { now: () => now() }) : null;
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
    // The store is the tenant's own; the account id still keys its rows by the Zendesk subdomain.
    const accountId = settings.zendeskSubdomain ?? 'default';
    const jira = await composeJira({
      jira: settings.jira,
      webhookSecrets: settings.jiraWebhookSecrets,
      botAccountId: settings.jiraBotAccountId,
      rateLimitPerMinute: settings.jiraRateLimitPerMinute,
      rateBudget,
      onBudgetError,
      config,
      store,
      now,
      delayScale: options.delayScale,
      ...(options.random !== undefined && { random: options.random }),
      onCall,
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
      shadowDir: settings.proposalsDir ?? defaultProposalsDir(settings.databaseUrl, options.id),
      shadow: mode === 'shadow',
      // Declared below; only called after a decision, when the pool exists.
      wake: () => pool.wake(),
    });
    const proposalHooks = createProposalJobHooks(proposals);

    const pool = createWorkerPool({
      store,
      concurrency: settings.workers,
      workerId: options.workerId,
      now,
      leaseMs: options.leaseMs,
      pollMs: options.pollMs,
      retryBaseMs: options.retryBaseMs,
      ...(options.random !== undefined && { random: options.random }),
      process: async (job) => {
        const result = await processJob(job, {
          store,
          helpdesk: job.helpdesk === 'jira' ? jira.helpdesk : helpdesk,
          engine: () => engine,
          now,
          proposals: proposalHooks,
          onDecision: (line) => log(JSON.stringify(options.id === null ? line : { ...line, tenant: options.id })),
          plan: { tagPrefix: config.connector.tagPrefix, pathGuard: config.connector.pathGuard, requestMissingInfo: config.connector.requestMissingInfo, agentLocale: config.defaults.locale },
        });
        metrics.inc('inscope_verdicts_total', { outcome: result.outcome, kind: result.kind });
        return result;
      },
      onStoreError: (error) => {
        metrics.inc('inscope_store_errors_total');
        process.stderr.write(`${who}store error in a worker loop (it retries): ${error instanceof Error ? error.message : String(error)}\n`);
      },
      onResult: (job, result) => {
        metrics.inc('inscope_jobs_total', { result });
        if (result === 'done') metrics.observe('inscope_job_latency_seconds', Math.max(0, now() - job.createdAt) / 1000);
      },
    });

    const reevaluate = (helpdeskKind: 'zendesk' | 'jira', account: string) => async (ticketId: string, reason: string) => {
      const id = `reevaluate-${ticketId}-${now()}-${Math.floor((options.random ?? Math.random)() * 1e9)}`;
      await store.recordDelivery({ helpdesk: helpdeskKind, accountId: account, deliveryId: id, eventId: id, eventType: 'inscope.reevaluate', ticketId, receivedAt: now(), payload: JSON.stringify({ reason }) });
      pool.wake();
    };

    const router = express.Router();
    router.use(
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
    router.use(jira.router);
    router.use(createProposalRouter({ flow: proposals, helpdeskFor: (kind) => (kind === 'jira' ? jira.helpdesk : helpdesk), locale: () => config.defaults.locale }));
    router.use(
      '/api/v1/zendesk',
      createAppJwtMiddleware({ secret: () => settings.appSecret ?? '', now: () => now(), maxLifetimeSec: 3600 }),
      createSidebarRouter({
        store, helpdesk, engine: () => engine, config: () => config, accountId, now, enqueue: reevaluate('zendesk', accountId), proposals,
        // The token's claims come from the browser: the actor is the agent Zendesk confirms, not the claimed email.
        authorize: (res, ticketId, access) => authorizeZendeskTicket(getAppClaims(res), ticketId, access, checkAgent),
      }),
    );
    // The Jira sidebar (the Forge app, apps/jira/) calls the same API over Forge Remote: each request
    // carries a Forge Invocation Token instead of the Zendesk app JWT, and tickets are issue keys.
    // Without FORGE_APP_ID every call answers 503 not_configured.
    const forge = options.forge;
    router.use(
      '/api/v1/jira',
      createForgeInvocationMiddleware({ appId: () => forge?.appId ?? '', keys: createForgeKeySet(forge?.jwksUrl), installations: () => forge?.installations ?? [], now: () => now() }),
      createSidebarRouter({
        store, helpdesk: jira.helpdesk, engine: () => engine, config: () => config, accountId: jira.accountId, now, enqueue: reevaluate('jira', jira.accountId),
        helpdeskKind: 'jira', ticketId: { pattern: /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,18}$/, hint: 'The ticket id must be a Jira issue key such as SUP-42' },
        // Only the issue in the token's signed context, and writes only by a user: the actor is their accountId.
        authorize: (res, ticketId, access) => authorizeForgeIssue(getForgeInvocation(res), ticketId, access),
        // Budget meter and Convert as on Zendesk: the Jira adapter posts the PDF as a public request attachment.
        proposals,
      }),
    );
    // The status page and the report show ticket ids, notes and money: admin only (start-service.ts).
    router.get('/', options.adminOnly, async (req, res) => {
      const [queue, audit] = await Promise.all([store.queueDepth(), store.listAudit({ limit: 50 })]);
      res.type('html').send(
        renderStatusPage({
          mode,
          ...(options.id !== null && { tenant: options.id }),
          configFile: loaded.file,
          configSummary: loaded.summary,
          queue,
          decisions: audit,
          ticketUrl: (id, kind) => {
            if (kind === 'jira') return settings.jira ? `${settings.jira.siteUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(id)}` : null;
            return settings.zendeskSubdomain ? `https://${settings.zendeskSubdomain}.zendesk.com/agent/tickets/${encodeURIComponent(id)}` : null;
          },
          // Live proposals live on the ticket; shadow mode keeps the PDF it would have attached on disk.
          ...(mode === 'shadow' && { proposalPdfUrl: (id: number) => `${req.baseUrl}/proposals/${id}.pdf` }),
        }),
      );
    });
    router.get('/proposals/:file', options.adminOnly, async (req, res) => {
      const id = /^([1-9][0-9]{0,15})\.pdf$/.exec(String(req.params.file))?.[1];
      const record = id === undefined ? null : await store.getProposal(Number(id));
      if (!record?.pdfPath) return sendJsonError(res, 404, 'not_found', 'No shadow-mode PDF for this proposal: live proposals are attached to their ticket');
      res.type('application/pdf').set('Content-Disposition', `inline; filename="${record.number}-v${record.version}.pdf"`);
      // The path is the one shadow mode wrote: INSCOPE_PROPOSALS_DIR may be relative, and a data
      // folder may sit below a dot folder (which sendFile refuses by default).
      res.sendFile(path.resolve(record.pdfPath), { dotfiles: 'allow' }, (error) => {
        // The data folder was cleaned since: say so rather than fail the request.
        if (error && !res.headersSent) sendJsonError(res, 404, 'not_found', `The PDF of ${record.number} is no longer on disk`);
      });
    });
    router.get('/reports/budget', options.adminOnly, async (req, res) => {
      const month = req.query.month;
      if (!isReportMonth(month)) return sendJsonError(res, 400, 'bad_month', `month: ${REPORT_MONTH_HINT}`);
      const org = typeof req.query.org === 'string' && req.query.org !== '' ? req.query.org : undefined;
      const since = typeof req.query.since === 'string' && req.query.since !== '' ? req.query.since : defaultActualsFrom(month);
      const problem = actualsSinceProblem(since, month);
      if (problem !== null) return sendJsonError(res, 400, 'bad_since', `since: ${problem}`);
      const shadow = mode === 'shadow';
      const actuals = await loadActualsReport(store, { from: since, to: month, organization: org });
      res.type('html').send(toHtml(await loadBudgetReport(store, config, month, org, { shadow }), month, { shadow, actuals }));
    });

    const sweepProposals = async () => (await proposals.sweepExpired((kind) => (kind === 'jira' ? jira.helpdesk : helpdesk))).length;
    let sweepTimer: NodeJS.Timeout | null = null;
    return {
      id: options.id,
      settings,
      mode,
      loaded,
      store,
      pool,
      client,
      proposals,
      webhookSecretSource: storedSecret ? 'store' : webhookSecrets.length > 0 ? 'environment' : 'none',
      jira: { mode: jira.mode, webhookSecretSource: jira.webhookSecretSource },
      router,
      sweepProposals,
      start() {
        pool.start();
        if (options.sweepMs <= 0 || sweepTimer) return;
        sweepTimer = setInterval(() => {
          sweepProposals().catch(() => metrics.inc('inscope_store_errors_total'));
        }, options.sweepMs);
        sweepTimer.unref();
      },
      async close() {
        if (sweepTimer) clearInterval(sweepTimer);
        await pool.stop();
        await rateBudget?.close();
        await store.close();
      },
    };
  } catch (error) {
    for (const resource of opened.reverse()) await resource.close().catch(() => {});
    throw error;
  }
}

/**
 * Shadow-mode PDFs go beside a SQLite database (`data/proposals/`), else under ./data/proposals;
 * a tenant's in a folder of its own below that, so that no tenant can read another's proposals.
 */
function defaultProposalsDir(databaseUrl: string, tenant: string | null): string {
  const own = (dir: string) => (tenant === null ? dir : path.join(dir, tenant));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) && !databaseUrl.startsWith('file:')) return own(path.resolve('data', 'proposals'));
  const file = databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length).replace(/^\/\//, '') : databaseUrl;
  return own(path.join(path.dirname(path.resolve(file)), 'proposals'));
}
