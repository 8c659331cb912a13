// The Custom UI page in a real browser: Debian's Chromium (playwright-core) loads the built
// dist/jira/static/sidebar/index.html with the real @forge/bridge bundled in it. Atlassian's iframe
// host is replaced by a window-level stub, `window.__bridge.callBridge` (what @forge/bridge calls),
// installed before the page's scripts run: it answers `getContext` with a JSM issue and hands every
// `invoke` to the test, which records it and answers like the connector would, or (last block) plays
// Forge: signs a Forge Invocation Token and forwards the call to the real connector, live against a
// nock Jira.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildJiraApp, STATIC_DIR } from '../../../apps/jira/scripts/build-jira-app.js';
import type { SidebarData } from '../../../apps/shared/sidebar-data.js';
import { readSettings } from '../../../connectors/server/read-settings.js';
import { startService, type Service } from '../../../connectors/server/start-service.js';
import { asJiraIssue, freshZendesk, JIRA_SITE } from '../../helpdesk-port/same-request.js';
import { fitClaims, startForgeKeyServer, TEST_ACCOUNT_ID, TEST_APP_ID, type ForgeKeyServer } from '../../http/forge-test-keys.js';
import { exampleSidebarData } from '../sidebar-fixtures.js';
import { chromiumForTests } from '../../helpers/find-chromium.js';
import { writeLiteralCompletenessConfig } from '../literal-completeness-config.js';

const ISSUE = { id: '10042', key: 'SUP-42' };
const TICKETS = { covered: 48212, incomplete: 48215 };

const browserBinary = chromiumForTests('the Jira sidebar browser test');

interface Invocation {
  readonly path: string;
  readonly method: string;
  readonly body?: unknown;
  readonly invokeType: string;
}
type Answer = { success: true; payload: { status: number; headers: Record<string, string[]>; body: unknown } } | { success: false; error: { status: number; body: unknown } };

/** Runs in the page before its scripts: plays Atlassian's side of the Custom UI bridge. */
function installBridgeStub() {
  const listeners: Record<string, ((payload?: unknown) => unknown)[]> = {};
  const w = window as unknown as { __bridge: unknown; forgeHost: unknown; forgeContext(): Promise<unknown>; forgeInvoke(payload: unknown): Promise<unknown> };
  w.forgeHost = { fire: (event: string, payload?: unknown) => (listeners[event] ?? []).forEach((f) => f(payload)) };
  w.__bridge = {
    async callBridge(name: string, payload?: { event?: string; callback?: (p?: unknown) => unknown }) {
      if (name === 'getContext') return w.forgeContext();
      if (name === 'invoke') return w.forgeInvoke(payload);
      if (name === 'on' && payload?.event && payload.callback) {
        (listeners[payload.event] ??= []).push(payload.callback);
        return { unsubscribe() {} };
      }
      throw new Error(`the bridge stub does not know ${name}`);
    },
  };
}

describe.skipIf(browserBinary.skip)('the Jira sidebar (Forge Custom UI) in Chromium with a stubbed bridge', { timeout: 60_000 }, () => {
  let dir: string;
  let staticDir: string;
  let server: Server;
  let baseUrl: string;
  let browser: BrowserContext;
  let page: Page;
  const invocations: Invocation[] = [];
  let answer: (call: Invocation) => Promise<Answer>;
  let locale = 'en_US';
  let issue: unknown = ISSUE;
  const ok = (body: unknown, status = 200): Answer => ({ success: true, payload: { status, headers: { 'content-type': ['application/json'] }, body } });
  const data = async (ticket: number): Promise<SidebarData> => {
    const d = await exampleSidebarData(ticket);
    return { ...d, ticket: { ...d.ticket, id: ISSUE.key } };
  };

  beforeAll(async () => {
    // First, so that CI without Chromium fails before starting anything.
    const executablePath = browserBinary.executablePath();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-jira-e2e-'));
    const built = await buildJiraApp(path.join(dir, 'jira'), 'https://inscope.veldhuis-software.nl');
    staticDir = path.join(built.outDir, STATIC_DIR);
    const app = express();
    app.use(express.static(staticDir));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 360, height: 900 },
    });
    await browser.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    await browser.exposeBinding('forgeContext', () => ({
      accountId: '5b10ac8d82e05b22cc7d4ef5', cloudId: '4869c4ef-cb0d-4108-8243-8929ac7cc1fa', locale, moduleKey: 'inscope-issue-context', siteUrl: 'https://veldhuis.atlassian.net',
      environmentType: 'PRODUCTION', localId: 'ari:cloud:ecosystem::extension/x', timezone: 'Europe/Amsterdam',
      extension: { type: 'jira:issueContext', issue, project: { id: '10000', key: 'SUP', type: 'service_desk' } },
    }));
    await browser.addInitScript(installBridgeStub);
    await browser.exposeBinding('forgeInvoke', async (_source, payload: Invocation) => {
      invocations.push(payload);
      return answer(payload);
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => console.log(`[browser error] ${e.message}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    invocations.length = 0;
    locale = 'en_US';
    issue = { ...ISSUE, type: 'Support', typeId: '10003' };
  });

  async function open(ticket: number) {
    const shown = await data(ticket);
    answer = async (call) => (call.method === 'GET' ? ok(shown) : ok({ ok: true }));
    await page.goto(`${baseUrl}/index.html`);
    await page.waitForSelector('[data-testid="verdict-badge"]');
  }

  const notice = async () => (await page.waitForSelector('[data-testid="action-notice"]')).textContent();

  it('asks the connector for the verdict of the issue in the view context and renders it', async () => {
    await open(TICKETS.covered);
    expect(await page.textContent('[data-testid="verdict-badge"]')).toBe('Call · New awaiting acceptance');
    expect(invocations[0]).toEqual({ path: '/api/v1/jira/tickets/SUP-42/verdict', method: 'GET', headers: { accept: 'application/json' }, invokeType: 'ui-remote-fetch' });
  });

  it('sends Approve through invokeRemote and shows the result', async () => {
    await open(TICKETS.covered);
    answer = async (call) => (call.method === 'POST' ? ok({ ok: true, action: 'approve', applied: true, status: 'approved' }) : ok(await data(TICKETS.covered)));
    await page.click('[data-testid="action-approve"]');
    expect(await notice()).toBe('Approved.');
    expect(invocations).toContainEqual({ path: '/api/v1/jira/tickets/SUP-42/actions/approve', method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: {}, invokeType: 'ui-remote-fetch' });
  });

  it('shows the request for missing information to copy, since a Forge panel cannot write into the comment editor', async () => {
    await open(TICKETS.incomplete);
    const message = 'Beste klant, wilt u de versie en de foutmelding sturen?';
    answer = async (call) => (call.method === 'POST' ? ok({ ok: true, action: 'request-info', missing: [{ id: 'version' }], message }) : ok(await data(TICKETS.incomplete)));
    await page.click('[data-testid="action-request-info"]');
    await notice();
    expect(await page.inputValue('[data-testid="action-notice"] textarea')).toBe(message);
    expect(invocations.map((c) => `${c.method} ${c.path}`)).toContain('POST /api/v1/jira/tickets/SUP-42/actions/request-info');
  });

  it('shows a sign-in problem, not a crash, when the connector refuses the Forge token', async () => {
    answer = async () => ({ success: false, error: { status: 401, body: { error: { code: 'expired', message: 'Token has expired' } } } });
    await page.goto(`${baseUrl}/index.html`);
    const error = await (await page.waitForSelector('[data-testid="load-error"]')).textContent();
    expect(error).toMatch(/refused the app's credentials/);
  });

  it('reloads the verdict when Jira says the issue changed', async () => {
    await open(TICKETS.covered);
    const loads = () => invocations.filter((c) => c.method === 'GET').length;
    expect(loads()).toBe(1);
    await page.evaluate(() => (window as unknown as { forgeHost: { fire(e: string): void } }).forgeHost.fire('JIRA_ISSUE_CHANGED'));
    await expect.poll(loads, { timeout: 5000 }).toBe(2);
  });

  it('follows a Dutch Jira locale (nl_NL)', async () => {
    locale = 'nl_NL';
    await open(TICKETS.incomplete);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.textContent('[data-testid="verdict-badge"]')).toBe('Onvolledig');
  });

  describe('against the real connector, live on a nock Jira, each call carrying a signed FIT', () => {
    let forge: ForgeKeyServer;
    let service: Service;
    const jira = asJiraIssue(freshZendesk(TICKETS.covered));
    const writes: { call: string; body: unknown }[] = [];

    /** What Forge does with an invokeRemote: a fresh FIT for the issue in view, the remote's baseUrl plus the path. */
    const forward = async (call: Invocation): Promise<Answer> => {
      const response = await fetch(`${service.url}${call.path}`, {
        method: call.method,
        headers: { ...(call.body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${await forge.sign(fitClaims({}, issue as { id: string; key: string }))}` },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      });
      const text = await response.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      return response.ok ? ok(body, response.status) : { success: false, error: { status: response.status, body } };
    };

    beforeAll(async () => {
      nock.disableNetConnect();
      nock.enableNetConnect('127.0.0.1');
      const scope = nock(JIRA_SITE).persist();
      scope.get(`/rest/api/3/issue/${jira.key}`).query((q) => String(q.fields).includes('summary')).reply(200, jira);
      scope.get(`/rest/api/3/issue/${jira.key}`).query((q) => String(q.fields) === 'updated,labels').reply(200, { id: jira.id, key: jira.key, fields: { updated: jira.fields['updated'], labels: jira.fields['labels'] } });
      scope.get(`/rest/api/3/issue/${jira.key}/transitions`).query({ expand: 'transitions.fields' }).reply(200, { transitions: [{ id: '11', name: 'Mark as new', to: { id: '10019', name: 'New' } }, { id: '21', name: 'Approve', to: { id: '10020', name: 'Approved' } }] });
      scope.put(`/rest/api/3/issue/${jira.key}`, (b) => writes.push({ call: 'PUT issue', body: b }) > 0).reply(204);
      scope.post(`/rest/api/3/issue/${jira.key}/transitions`, (b) => writes.push({ call: 'POST transitions', body: b }) > 0).reply(204);
      scope.post(`/rest/servicedeskapi/request/${jira.key}/comment`, (b) => writes.push({ call: 'POST comment', body: b }) > 0).reply(201, { id: '40001', public: false });
      forge = await startForgeKeyServer();
      service = await startService({
        settings: readSettings({
          PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: writeLiteralCompletenessConfig(dir), DATABASE_URL: path.join(dir, 'inscope.db'),
          JIRA_SITE_URL: JIRA_SITE, JIRA_EMAIL: 'inscope@veldhuis-software.nl', JIRA_API_TOKEN: 'jira-api-token-for-tests', JIRA_WEBHOOK_SECRET: 'jira-webhook-secret-for-tests', JIRA_BOT_ACCOUNT_ID: '712020:inscope-bot',
        }),
        delayScale: 0.001,
        startWorkers: false,
        forge: { appId: TEST_APP_ID, jwksUrl: forge.jwksUrl, installations: [] },
      });
    }, 60_000);

    afterAll(async () => {
      await service?.close();
      await forge?.close();
      nock.cleanAll();
      nock.enableNetConnect();
    });

    it('shows the verdict the connector computes from the JSM issue, and Approve transitions it in Jira as the Forge user', async () => {
      issue = { id: jira.id, key: jira.key };
      answer = forward;
      await page.goto(`${baseUrl}/index.html`);
      expect(await (await page.waitForSelector('[data-testid="verdict-badge"]')).textContent()).toMatch(/^Call/);
      await page.click('[data-testid="action-approve"]');
      expect(await notice()).toBe('Approved.');
      expect(writes).toContainEqual({ call: 'POST transitions', body: expect.objectContaining({ transition: { id: '21' } }) });
      const entries = await service.store.listAudit({ ticketId: jira.key, limit: 10 });
      expect(entries[0]).toMatchObject({ helpdesk: 'jira', kind: 'action', rule: 'approve', actor: TEST_ACCOUNT_ID });
    });
  });

  it('reports the gzipped size of the page\'s JavaScript', () => {
    const js = fs.readdirSync(staticDir).filter((f) => f.endsWith('.js'));
    const html = fs.readFileSync(path.join(staticDir, 'index.html'), 'utf8');
    const loaded = js.filter((f) => html.includes(f));
    const size = (files: string[]) => files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(staticDir, f)), { level: 9 }).length, 0);
    console.log(`jira sidebar: JS loaded at start ${(size(loaded) / 1024).toFixed(1)} KB gzipped (all chunks ${(size(js) / 1024).toFixed(1)} KB; target ≤ 40 KB)`);
    expect(size(loaded)).toBeLessThan(40 * 1024);
  });
});
