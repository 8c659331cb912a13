// Composes the connector process: one HTTP server, and behind it one tenant per helpdesk account
// (compose-tenant.ts). Without a tenants file the single account from the environment is served at
// the root, as it always was; with INSCOPE_TENANTS each tenant is served under /t/<id>. `inscope
// serve` and the integration tests start the service through this one function.
import express, { type NextFunction, type Request, type Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import type { Server } from 'node:http';
import { readForgeSettings, type ForgeSettings } from '../http/read-forge-settings.js';
import { sendJsonError } from '../http/send-json-error.js';
import { securityHeaders } from '../http/security-headers.js';
import { tenantPrefix, type Tenant } from '../tenants/load-tenants.js';
import { composeTenant, type TenantService } from './compose-tenant.js';
import { createMetrics, withLabels, type Metrics } from './create-metrics.js';
import type { Settings } from './read-settings.js';
import { renderTenantIndex } from './render-tenant-index.js';

export { StartupError } from './compose-tenant.js';

export interface ServiceOptions {
  readonly settings: Settings;
  /** The tenants of a tenants file (loadTenants); absent: the one account of `settings`, at the root. */
  readonly tenants?: readonly Tenant[];
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
  /** Where each decision's structured log line goes (JSON, no newline); default: stdout. */
  readonly log?: (line: string) => void;
}

/** The first tenant's parts are the service's own, for the single-account deployment and its tests. */
export interface Service extends Pick<TenantService, 'webhookSecretSource' | 'mode' | 'jira' | 'loaded' | 'store' | 'pool' | 'client' | 'proposals'> {
  readonly url: string;
  /** Every tenant by id; the single-account deployment has one, under the id 'default'. */
  readonly tenants: ReadonlyMap<string, TenantService>;
  readonly metrics: Metrics;
  readonly server: Server;
  /** Runs the proposal expiry sweep of every tenant now (the timers call the same). */
  sweepProposals(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A tenant's Jira sidebar serves only its own Forge installations: the app's tokens are valid on
 * every site it is installed on, so without a list of its own a tenant's sidebar API is refused
 * (503 not_configured) rather than open to another tenant's users.
 */
function forgeFor(forge: ForgeSettings | null, settings: Settings): ForgeSettings | null {
  if (forge === null || settings.forgeInstallations === null) return forge;
  return settings.forgeInstallations.length > 0 ? { ...forge, installations: settings.forgeInstallations } : null;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/**
 * Headers a reverse proxy adds for the client it forwards (RFC 7239 `Forwarded`, the de facto
 * `X-Forwarded-*`, `X-Real-IP`, `Via`). A loopback socket carrying one of them is a proxy on this
 * host speaking for someone else, so loopback alone does not make it an operator.
 */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via', 'x-client-ip', 'true-client-ip', 'cf-connecting-ip'];

function cameThroughProxy(req: Request): boolean {
  return PROXY_HEADERS.some((name) => req.headers[name] !== undefined);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startService(options: ServiceOptions): Promise<Service> {
  const { settings } = options;
  const now = options.now ?? Date.now;
  const metrics = createMetrics();
  const multi = options.tenants !== undefined;
  const specs: readonly { id: string | null; settings: Settings }[] = options.tenants ?? [{ id: null, settings }];
  if (specs.length === 0) throw new TypeError('startService: a tenants list must name at least one tenant');

  // The port faces the internet (the helpdesks must reach the webhooks), but status pages, metrics
  // and reports show ticket ids, notes and money: loopback only, or a bearer token when INSCOPE_ADMIN_TOKEN is set.
  // A reverse proxy on this host connects from loopback too; a request with any forwarding header
  // therefore needs the token (a proxy that adds none cannot be told apart: set the token there).
  const isAdmin = (req: Request): boolean => {
    const token = settings.adminToken;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    return token ? bearer !== undefined && safeEqual(bearer, token) : isLoopback(req.socket.remoteAddress) && !cameThroughProxy(req);
  };
  const adminOnly = (req: Request, res: Response, next: NextFunction) => {
    const token = settings.adminToken;
    if (isAdmin(req)) return next();
    res.set('WWW-Authenticate', 'Bearer');
    sendJsonError(res, 401, 'admin_only', token ? 'Authorization: Bearer <INSCOPE_ADMIN_TOKEN> is required' : 'Only served to loopback clients that did not come through a proxy; set INSCOPE_ADMIN_TOKEN to allow others');
  };

  const forge = options.forge === undefined ? readForgeSettings() : options.forge;
  const workerId = options.workerId ?? `${os.hostname()}-${process.pid}`;
  const tenants: TenantService[] = [];
  try {
    // One after another: each opens its store and migrates it, and a mistake in the third tenant's
    // config is reported as that tenant's, after closing what the first two opened.
    for (const spec of specs) {
      const tenantMetrics = spec.id === null ? metrics : withLabels(metrics, { tenant: spec.id });
      const tenant = await composeTenant({
        id: spec.id,
        settings: spec.settings,
        metrics: tenantMetrics,
        adminOnly,
        now,
        ...(options.random !== undefined && { random: options.random }),
        delayScale: options.delayScale ?? settings.delayScale,
        pollMs: options.pollMs ?? settings.pollMs,
        retryBaseMs: options.retryBaseMs ?? settings.retryBaseMs,
        leaseMs: options.leaseMs ?? settings.leaseMs,
        workerId: spec.id === null ? workerId : `${workerId}-${spec.id}`,
        forge: forgeFor(forge, spec.settings),
        sweepMs: options.sweepMs ?? 60_000,
        ...(options.log !== undefined && { log: options.log }),
      });
      tenants.push(tenant);
      tenantMetrics.gauge('inscope_queue_depth', 'Jobs in the queue by state.', () => tenant.store.queueDepth());
    }
  } catch (error) {
    await Promise.all(tenants.map((t) => t.close().catch(() => {})));
    throw error;
  }
  const byId = new Map(tenants.map((t) => [t.id ?? 'default', t]));

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders());

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (req, res) => {
    const states = await Promise.all(tenants.map(async (t) => {
      try {
        await t.store.ping();
        return { ok: true, store: 'reachable', config: t.loaded.hash, mode: t.mode };
      } catch {
        return { ok: false, store: 'unreachable', config: t.loaded.hash, mode: t.mode };
      }
    }));
    if (!multi) {
      if (states[0]!.ok) return res.json(states[0]);
      return sendJsonError(res, 503, 'store_unreachable', 'The store does not answer');
    }
    // One tenant's database being down must not take the instance out of the load balancer for the
    // others: ready while any tenant can store deliveries; each tenant's state is in the body.
    // The per-tenant detail names the tenants (often customers): operators only.
    const ok = states.some((s) => s.ok);
    res.status(ok ? 200 : 503).json(isAdmin(req) ? { ok, tenants: Object.fromEntries(tenants.map((t, i) => [t.id, states[i]])) } : { ok });
  });
  app.get('/metrics', adminOnly, async (_req, res) => {
    res.type('text/plain; version=0.0.4').send(await metrics.render());
  });

  if (multi) {
    app.get('/', adminOnly, async (_req, res) => {
      const rows = await Promise.all(tenants.map(async (t) => ({
        id: t.id!, mode: t.mode, configSummary: t.loaded.summary,
        queue: await t.store.queueDepth().catch(() => null),
      })));
      res.type('html').send(renderTenantIndex(rows));
    });
    for (const tenant of tenants) {
      app.use(tenantPrefix(tenant.id!), tenant.router);
      app.use(tenantPrefix(tenant.id!), (_req: Request, res: Response) => sendJsonError(res, 404, 'not_found', `No such endpoint for tenant ${tenant.id}`));
    }
    // The single-account paths answer with where they went, not a bare 404.
    app.use(['/webhooks', '/api/v1', '/p'], (_req: Request, res: Response) =>
      sendJsonError(res, 404, 'tenant_required', 'This deployment serves several tenants: use /t/<tenant>/… (see docs/tenants.md)'));
    app.use('/t/:tenant', (req: Request, res: Response) => sendJsonError(res, 404, 'unknown_tenant', `No tenant ${JSON.stringify(String(req.params.tenant).slice(0, 40))}`));
  } else {
    app.use(tenants[0]!.router);
  }

  app.use((_req: Request, res: Response) => sendJsonError(res, 404, 'not_found', 'No such endpoint'));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    // Body-parser errors carry their own 4xx status (malformed JSON, too large); keep it, never the stack.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return sendJsonError(res, status, status === 413 ? 'too_large' : 'bad_request', status === 413 ? 'Request body too large' : 'Malformed request');
    sendJsonError(res, 500, 'internal', 'Internal error');
  });

  let server: Server;
  try {
    // Express 5's app.listen passes a listen error (EADDRINUSE, EACCES) to its callback instead of
    // throwing: the callback must look at its argument, or the service runs on without a socket.
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(settings.port, settings.host, (error?: Error) => (error ? reject(error) : resolve(s)));
    });
  } catch (error) {
    await Promise.all(tenants.map((t) => t.close().catch(() => {})));
    throw error;
  }
  // A client that sends headers and then trickles its body must not hold a socket for minutes: the
  // helpdesks deliver within seconds (Zendesk gives up after about 10 s).
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const host = settings.host === '0.0.0.0' || settings.host === '::' ? 'localhost' : settings.host;
  if (options.startWorkers !== false) for (const tenant of tenants) tenant.start();

  const first = tenants[0]!;
  return {
    url: `http://${host}:${port}`,
    tenants: byId,
    webhookSecretSource: first.webhookSecretSource,
    mode: first.mode,
    jira: first.jira,
    loaded: first.loaded,
    store: first.store,
    pool: first.pool,
    client: first.client,
    proposals: first.proposals,
    metrics,
    server,
    async sweepProposals() {
      let swept = 0;
      for (const tenant of tenants) swept += await tenant.sweepProposals();
      return swept;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.all(tenants.map((t) => t.close()));
    },
  };
}
