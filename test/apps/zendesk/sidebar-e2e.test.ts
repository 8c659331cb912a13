// End to end in a real browser: Debian's Chromium (playwright-core) loads the built
// dist/zendesk/assets/iframe.html inside a harness page that plays Zendesk's side of ZAF, against the
// real connector on loopback (live mode, its Zendesk API served by the loopback Zendesk double).
// Clicks Approve, Request info and Convert and asserts what the connector recorded; runs axe-core;
// saves docs/images/sidebar.png; reports the JS size and the time from app.registered to the verdict.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZendeskApp } from '../../../apps/zendesk/scripts/build-zendesk-app.js';
import { readSettings } from '../../../connectors/server/read-settings.js';
import { startService, type Service } from '../../../connectors/server/start-service.js';
import { startFakeZendesk, type FakeTicket, type FakeZendesk } from '../../helpers/fake-zendesk.js';
import { startZafHarness, type ZafHarness } from './e2e/start-zaf-harness.js';
import { chromiumForTests } from '../../helpers/find-chromium.js';
import { writeLiteralCompletenessConfig } from '../literal-completeness-config.js';

const root = path.resolve(import.meta.dirname, '../../..');
const APP_SECRET = 'app-secret-for-the-browser-test';
const CATEGORY_FIELD = 360001000001;
const STATUS = { new: 19000000101, approved: 19000000102 };
const TICKETS = { covered: 48212, incomplete: 48215, review: 48219 };
const AGENT = 'manager@veldhuis-software.nl';
/** The agent the ZAF host says is signed in (currentUser.id 17), as Zendesk's Users API knows them. */
const SIDEBAR_AGENT = { id: 17, name: 'Marieke Veldhuis', email: AGENT, role: 'admin', active: true, suspended: false };

const browserBinary = chromiumForTests('the sidebar browser test');

/** An example ticket as it arrives: no category yet, status New. */
function example(id: number) {
  const file = fs.readdirSync(path.join(root, 'examples/tickets')).find((f) => f.startsWith(`zendesk-${id}-`))!;
  const world = JSON.parse(fs.readFileSync(path.join(root, 'examples/tickets', file), 'utf8')) as { ticket: FakeTicket & { custom_fields: { id: number; value: unknown }[] }; users?: FakeTicket[]; organizations?: FakeTicket[] };
  const fields = world.ticket.custom_fields.map((f) => (f.id === CATEGORY_FIELD ? { ...f, value: null } : f));
  return { ticket: { ...world.ticket, status: 'new', custom_status_id: STATUS.new, custom_fields: fields, fields }, users: world.users ?? [], organizations: world.organizations ?? [] };
}

describe.skipIf(browserBinary.skip)('the sidebar in Chromium against the real connector', { timeout: 60_000 }, () => {
  let dir: string;
  let assetsDir: string;
  let fake: FakeZendesk;
  let service: Service;
  let harness: ZafHarness;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // First, so that CI without Chromium fails before starting anything.
    const executablePath = browserBinary.executablePath();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-e2e-'));
    const built = await buildZendeskApp(path.join(dir, 'zendesk'));
    assetsDir = path.join(built.outDir, 'assets');
    const worlds = Object.values(TICKETS).map(example);
    fake = await startFakeZendesk({ tickets: worlds.map((w) => w.ticket), users: [...worlds.flatMap((w) => w.users), SIDEBAR_AGENT], organizations: worlds.flatMap((w) => w.organizations) });
    service = await startService({
      settings: readSettings({
        PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: writeLiteralCompletenessConfig(dir), DATABASE_URL: path.join(dir, 'inscope.db'),
        ZENDESK_SUBDOMAIN: 'veldhuis', ZENDESK_EMAIL: 'inscope@veldhuis-software.nl', ZENDESK_API_TOKEN: 'e2e-token', ZENDESK_BASE_URL: fake.url,
        ZENDESK_WEBHOOK_SECRET: 'webhook-secret-for-the-browser-test', INSCOPE_APP_SECRET: APP_SECRET, INSCOPE_WORKERS: '1',
      }),
      delayScale: 0.001,
      startWorkers: false,
    });
    harness = await startZafHarness({ assetsDir, settings: { connectorUrl: service.url, appSecret: APP_SECRET } });
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 360, height: 900 },
      // The panel honours prefers-reduced-motion (panel.css): no colour fades, so axe never measures
      // a button mid-transition, whatever the machine's load.
      reducedMotion: 'reduce',
    });
    // The iframe page loads the ZAF SDK from Zendesk's CDN: answer with the harness's stand-in, and let nothing else leave loopback.
    const sdk = fs.readFileSync(path.join(import.meta.dirname, 'e2e/fake-zaf-sdk.js'), 'utf8');
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === 'static.zdassets.com') return route.fulfill({ contentType: 'application/javascript', body: sdk });
      return url.hostname === '127.0.0.1' ? route.continue() : route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`[browser error] ${e.message}`));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await harness?.close();
    await service?.close();
    await fake?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(ticketId: number): Promise<Frame> {
    await page.goto(`${harness.url}/harness.html?ticket=${ticketId}&connector=${encodeURIComponent(service.url)}`);
    const frame = await (await page.waitForSelector('#sidebar')).contentFrame();
    await frame!.waitForSelector('[data-testid="verdict-badge"]');
    return frame!;
  }

  const notice = async (frame: Frame) => (await frame.waitForSelector('[data-testid="action-notice"]')).textContent();
  const audit = async (ticketId: number) => service.store.listAudit({ ticketId: String(ticketId), limit: 10 });

  async function axeViolations(frame: Frame) {
    // A button that was just enabled fades from grey to blue (.btn's background-color transition),
    // and axe measuring contrast mid-fade sees white text on a half-blue button. Waiting for
    // document.getAnimations() missed a transition that had not started yet (3 runs in 10 under
    // load); with reduced motion there is none to catch. Assert it, so the check cannot go stale.
    expect(await frame.evaluate('[...document.querySelectorAll(".btn")].map((b) => getComputedStyle(b).transitionDuration).filter((d) => d !== "0s")')).toEqual([]);
    await frame.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
    const result = (await frame.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string; help: string; nodes: unknown[] }[] };
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help}`);
  }

  it('approves a covered Call: the connector sets Approved in Zendesk and logs the agent', async () => {
    const frame = await open(TICKETS.covered);
    expect(await frame.textContent('[data-testid="verdict-badge"]')).toBe('Call · New awaiting acceptance');
    await frame.click('[data-testid="action-approve"]');
    expect(await notice(frame)).toBe('Approved.');
    const [entry] = await audit(TICKETS.covered);
    expect(entry).toMatchObject({ kind: 'action', rule: 'approve', actor: AGENT });
    expect(fake.ticket(TICKETS.covered)!['custom_status_id']).toBe(STATUS.approved);
    // Every call went through the proxy with a token the connector accepted; the page never held the secret.
    expect(harness.proxied.every((c) => c.status < 400)).toBe(true);
    expect(await page.content()).not.toContain(APP_SECRET);
  });

  it('puts the request for the missing items into the reply editor and logs it', async () => {
    const frame = await open(TICKETS.incomplete);
    expect(await frame.textContent('[data-testid="verdict-badge"]')).toBe('Incomplete');
    await frame.click('[data-testid="action-request-info"]');
    expect(await notice(frame)).toContain('is in the reply editor');
    const editor = (await page.evaluate('window.zafHost.editor')) as string;
    expect(editor).toMatch(/^<p>/);
    expect(editor).toMatch(/versie|version/i);
    const [entry] = await audit(TICKETS.incomplete);
    expect(entry).toMatchObject({ kind: 'action', rule: 'request-info', actor: AGENT });
  });

  it('converts a review ticket to advisory after a preview, and the connector records the proposal', async () => {
    const frame = await open(TICKETS.review);
    expect(await frame.textContent('[data-testid="verdict-badge"]')).toBe('Review');
    await frame.click('[data-testid="action-convert"]');
    await frame.fill('#inscope-hours', '2');
    await frame.fill('#inscope-scope', 'Set up the travel expense rules for the new policy');
    expect(await frame.textContent('[data-testid="convert-preview"]')).toBe('Proposal: 2 h × €135.00 = €270.00');
    expect(await axeViolations(frame)).toEqual([]);
    await frame.click('form button[type="submit"]');
    expect(await notice(frame)).toBe('Converted to advisory: 2 h × €135.00 = €270.00.');
    const [entry] = await audit(TICKETS.review);
    expect(entry).toMatchObject({ kind: 'action', rule: 'convert', actor: AGENT, note: expect.stringContaining('2 h × 135.00 EUR = 270.00 EUR') });
    expect(fake.ticket(TICKETS.review)!['custom_fields']).toContainEqual({ id: CATEGORY_FIELD, value: 'advisory' });
  });

  it('has no serious accessibility violations, and looks like this', async () => {
    const frame = await open(TICKETS.incomplete);
    expect(await axeViolations(frame)).toEqual([]);
    const sidebar = await page.waitForSelector('#sidebar');
    // The docs' screenshot is refreshed on request only, so a test run leaves the work tree clean.
    const target = process.env.INSCOPE_UPDATE_SCREENSHOTS === '1' ? path.join(root, 'docs/images/sidebar.png') : path.join(os.tmpdir(), 'inscope-sidebar.png');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await sidebar.screenshot({ path: target });
    expect(fs.statSync(target).size).toBeGreaterThan(1000);
  });

  it('reports the JS size and the time from app.registered to the verdict on screen', async () => {
    const js = fs.readdirSync(assetsDir).filter((f) => f.endsWith('.js'));
    const gzipped = js.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(assetsDir, f)), { level: 9 }).length, 0);
    const times: number[] = [];
    for (let i = 0; i < 11; i++) {
      const frame = await open(TICKETS.covered);
      times.push((await frame.evaluate(`performance.measure('inscope', 'inscope:app-registered', 'inscope:verdict-rendered').duration`)) as number);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(`sidebar: JS ${(gzipped / 1024).toFixed(1)} KB gzipped (target ≤ 40 KB); app.registered → verdict rendered: median ${median.toFixed(0)} ms over ${times.length} loads (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)}; target ≤ 300 ms)`);
    expect(times.every((t) => t > 0)).toBe(true);
  });
});
