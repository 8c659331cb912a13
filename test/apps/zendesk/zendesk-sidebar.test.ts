// @vitest-environment happy-dom
// The Zendesk sidebar in a DOM with a stubbed ZAFClient: each verdict state, each action, the loading
// and error states, the refresh on ticket events, and the proxy request it asks Zendesk to sign.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SidebarData } from '../../../apps/shared/sidebar-data.js';
import { bootZendeskSidebar } from '../../../apps/zendesk/src/boot-zendesk-sidebar.js';
import type { ZafRequestOptions } from '../../../apps/zendesk/src/zaf-client.js';
import { exampleSidebarData, type FixtureOptions } from '../sidebar-fixtures.js';
import { createStubZafClient } from './stub-zaf-client.js';

type Handler = (options: ZafRequestOptions) => Promise<unknown>;

let root: HTMLElement;
let routes: Record<string, Handler>;

function reply(status: number, code: string, message: string) {
  return Promise.reject({ status, statusText: 'Error', responseText: JSON.stringify({ error: { code, message } }) });
}

async function boot(ticketId: number, fixture: FixtureOptions = {}, stub: { locale?: string; today?: string } = {}) {
  const data = await exampleSidebarData(ticketId, fixture);
  routes = { 'GET /verdict': async () => data, ...routes };
  const zaf = createStubZafClient({
    ticketId,
    ...(stub.locale ? { locale: stub.locale } : {}),
    request: (options) => {
      const key = `${options.type} ${options.url.replace(/^.*\/tickets\/\d+/, '')}`;
      const handler = routes[key];
      return handler ? handler(options) : Promise.reject({ status: 404, responseText: '{"error":{"code":"not_found","message":"No such endpoint"}}' });
    },
  });
  vi.stubGlobal('ZAFClient', { init: () => zaf.client });
  const started = bootZendeskSidebar(root, { today: stub.today ?? '2026-11-27', refreshDelayMs: 0 });
  zaf.trigger('app.registered', { context: {} });
  await started;
  return { ...zaf, data };
}

const q = (selector: string) => root.querySelector(selector);
const text = () => root.textContent ?? '';
const button = (testId: string) => q(`[data-testid="${testId}"]`) as HTMLButtonElement;
const loads = (client: { request: { mock: { calls: [ZafRequestOptions][] } } }) => client.request.mock.calls.filter(([o]) => o.type === 'GET').length;

function type(selector: string, value: string) {
  const field = q(selector) as HTMLInputElement | HTMLTextAreaElement;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

beforeEach(() => {
  document.body.innerHTML = '<main id="app"></main>';
  root = document.getElementById('app')!;
  routes = {};
});
afterEach(() => vi.unstubAllGlobals());

describe('the verdict', () => {
  it.each([
    { ticket: 48215, badge: 'Incomplete', rule: 'version-known', fixture: {} },
    { ticket: 48212, badge: 'Call · New awaiting acceptance', rule: 'defect', fixture: {} },
    { ticket: 48201, badge: 'Call · Approved', rule: 'defect', fixture: {} },
    { ticket: 48203, badge: 'Advisory · proposal draft', rule: 'how-to-question', fixture: {} },
    { ticket: 48203, badge: 'Advisory · proposal sent', rule: 'how-to-question', fixture: { proposalState: 'sent' as const } },
    { ticket: 48203, badge: 'Advisory · proposal accepted', rule: 'how-to-question', fixture: { proposalState: 'accepted' as const } },
    { ticket: 48219, badge: 'Review', rule: null, fixture: {} },
  ])('shows ticket $ticket as "$badge" with its reason in words, and the rule id only for tools', async ({ ticket, badge, rule, fixture }) => {
    const { data } = await boot(ticket, fixture);
    await vi.waitFor(() => expect(q('[data-testid="verdict-badge"]')?.textContent).toBe(badge));
    const reason = q('.reasons li') as HTMLElement;
    // An incomplete verdict's reasons are its missing items: the checklist lists them, once.
    expect(reason.textContent).toBe(data.verdict.outcome === 'incomplete' ? 'Information is missing: see Completeness.' : data.verdict.reasons[0]!.en);
    expect(q('[aria-labelledby="inscope-verdict"]')!.getAttribute('data-rule')).toBe(rule ?? '');
    expect(text()).not.toContain('Decided by rule');
    if (!rule) expect(text()).toContain('No rule decided: a person has to review this request');
  });

  it('lists a missing item once, under Completeness, not under Verdict as well', async () => {
    const { data } = await boot(48215);
    await vi.waitFor(() => expect(q('[data-testid="checklist"]')).not.toBeNull());
    for (const item of data.verdict.missing) expect(text().split(item.text.en)).toHaveLength(2);
  });

  it('lists what is present and what is missing', async () => {
    await boot(48215);
    await vi.waitFor(() => expect(q('[data-testid="checklist"]')).not.toBeNull());
    const missing = Array.from(root.querySelectorAll('[data-missing]')).map((li) => li.getAttribute('data-missing'));
    expect(missing).toEqual(['version-known', 'error-text-given']);
    const present = Array.from(root.querySelectorAll('.checklist__item--present')).map((n) => n.textContent);
    expect(present).toEqual(['✓Present: Productpayroll', '✓Present: Modulepayslips', '✓Present: LanguageDutch', '✓Present: Kind of requestDefect']);
  });

  it('names facts in words, never by their config keys', async () => {
    await boot(48213);
    await vi.waitFor(() => expect(q('[data-testid="checklist"]')).not.toBeNull());
    const names = Array.from(root.querySelectorAll('.checklist__name')).map((n) => n.textContent);
    expect(names).toContain('Error text');
    expect(names.join(' ')).not.toMatch(/errorText|[a-z][A-Z]/);
  });

  it('shows the contract with the products, versions and modules it covers', async () => {
    await boot(48201);
    await vi.waitFor(() => expect(q('.facts')).not.toBeNull());
    expect(Array.from(root.querySelectorAll('.facts .plain li')).map((li) => li.textContent)).toEqual(['finance >=9.0', 'payroll >=7.0', 'planner >=4.0', 'connect >=2.5']);
    expect(text()).toContain('31 Dec 2026');
  });

  it.each([
    ['en', 'Proposal hours: 2.5, based on 7 similar requests (median 2.4 h, range 1–6 h).'],
    ['nl', 'Uren in de offerte: 2,5, gebaseerd op 7 vergelijkbare verzoeken (mediaan 2,4 uur, spreiding 1–6 uur).'],
  ])('shows what a learned estimate of the proposal\'s hours is based on (%s)', async (locale, expected) => {
    const data = await exampleSidebarData(48203);
    const proposal = data.verdict.proposal!;
    routes['GET /verdict'] = async () => ({ ...data, verdict: { ...data.verdict, proposal: { ...proposal, hours: 2.5, estimate: { source: 'learned', hours: 2.5, neighbours: 7, median: 2.4, low: 1, high: 6 } } } });
    await boot(48203, {}, { locale });
    await vi.waitFor(() => expect(q('[data-testid="hours-basis"]')?.textContent).toBe(expected));
  });

  it('shows no basis for hours without a learned estimator', async () => {
    await boot(48203);
    await vi.waitFor(() => expect(q('[data-testid="verdict-badge"]')).not.toBeNull());
    expect(q('[data-testid="hours-basis"]')).toBeNull();
  });

  it('speaks Dutch when the agent works in Dutch', async () => {
    await boot(48215, {}, { locale: 'nl' });
    await vi.waitFor(() => expect(q('[data-testid="verdict-badge"]')?.textContent).toBe('Onvolledig'));
    expect(text()).toContain('Welke versie gebruikt u?');
    expect(button('action-request-info').textContent).toBe('Informatie opvragen');
  });

  it('warns when the contract does not apply, and when it expires within 30 days of today', async () => {
    await boot(48215);
    // Whether the contract applies is decided on the ticket's creation date: said of that day, in the past tense.
    await vi.waitFor(() => expect(q('[data-testid="contract-state"]')?.textContent).toBe('The contract was not active yet on 16 Nov 2026, when the ticket was created.'));
    document.body.innerHTML = '<main id="app"></main>';
    root = document.getElementById('app')!;
    routes = {};
    await boot(48201, {}, { today: '2026-12-10' });
    await vi.waitFor(() => expect(q('[data-testid="contract-expires"]')?.textContent).toBe('The contract expires in 21 days (31 Dec 2026).'));
    expect(q('[data-testid="contract-state"]')).toBeNull();
  });
});

describe('the budget', () => {
  it('says there is no budget data yet while the connector sends none', async () => {
    await boot(48203);
    await vi.waitFor(() => expect(q('[data-testid="budget-none"]')?.textContent).toBe('No budget data yet.'));
  });

  it('meters committed and pending against the cap, with what this proposal would add', async () => {
    await boot(48203, { budget: { cap: { amount: 4000 }, committed: 2500, pending: 1200, currency: 'EUR' } });
    const meter = await vi.waitFor(() => {
      const m = q('[data-testid="budget-meter"]');
      expect(m).not.toBeNull();
      return m!;
    });
    expect(meter.getAttribute('role')).toBe('meter');
    expect(meter.getAttribute('aria-valuenow')).toBe('3700');
    expect(meter.getAttribute('aria-valuemax')).toBe('4000');
    expect(meter.querySelectorAll('.meter__bar')).toHaveLength(3);
    // 3 h × €135 = €405 on top of €3,700 passes the €4,000 cap by €105.
    expect(q('[data-testid="budget-over"]')?.textContent).toBe('This proposal would exceed the cap by €105.00.');
    expect(q('[data-testid="budget-shadow"]')).toBeNull();
  });

  it('says when shadow mode counts the proposals it made as committed', async () => {
    await boot(48203, { budget: { cap: { amount: 4000 }, committed: 405, pending: 0, currency: 'EUR', shadow: true } });
    await vi.waitFor(() => expect(q('[data-testid="budget-shadow"]')?.textContent).toMatch(/^Shadow mode: the proposals InScope made without sending them count as committed/));
    expect(q('.legend li')?.textContent).toBe('Committed (incl. shadow mode): €405.00');
  });
});

describe('loading and errors', () => {
  it('shows a loading state until the verdict arrives', async () => {
    let release: ((value: unknown) => void) | undefined;
    routes['GET /verdict'] = () => new Promise((resolve) => (release = resolve));
    const { data } = await boot(48212);
    await vi.waitFor(() => expect(release).toBeDefined());
    expect(q('[role="status"]')?.textContent).toBe('Loading the verdict…');
    expect(q('[aria-busy="true"]')).not.toBeNull();
    release!(data);
    await vi.waitFor(() => expect(q('[data-testid="verdict-badge"]')).not.toBeNull());
  });

  it('shows a clear error with a retry when the connector cannot be reached', async () => {
    let fail = true;
    const data = await exampleSidebarData(48212);
    routes['GET /verdict'] = () => (fail ? Promise.reject({ status: 0, statusText: 'error' }) : Promise.resolve(data));
    await boot(48212);
    await vi.waitFor(() => expect(q('[data-testid="load-error"]')?.textContent).toBe('The InScope connector cannot be reached. The ticket itself is unaffected.'));
    expect(q('[role="alert"]')).not.toBeNull();
    fail = false;
    (Array.from(root.querySelectorAll('button')).find((b) => b.textContent === 'Retry') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(q('[data-testid="verdict-badge"]')?.textContent).toBe('Call · New awaiting acceptance'));
  });

  it('tells the agent when the connector refuses the app secret', async () => {
    routes['GET /verdict'] = () => reply(401, 'signature', 'Token signature does not match');
    await boot(48212);
    await vi.waitFor(() => expect(q('[data-testid="load-error"]')?.textContent).toContain("check that the app's shared secret matches"));
  });

  it('passes on what the connector says for other failures', async () => {
    routes['GET /verdict'] = () => reply(404, 'not_seen', 'Ticket 48212 has not reached InScope yet');
    await boot(48212);
    await vi.waitFor(() => expect(q('[data-testid="load-error"]')?.textContent).toBe('The connector answered with an error: Ticket 48212 has not reached InScope yet'));
  });
});

describe('the proxy request', () => {
  it('asks Zendesk to sign a JWT with the secure setting and never holds the secret itself', async () => {
    const { client } = await boot(48212);
    await vi.waitFor(() => expect(client.request).toHaveBeenCalled());
    const options = client.request.mock.calls[0]![0];
    expect(options).toMatchObject({
      url: 'https://inscope.example.com/api/v1/zendesk/tickets/48212/verdict',
      type: 'GET',
      secure: true,
      headers: { Authorization: 'Bearer {{jwt.token}}' },
      jwt: { algorithm: 'HS256', secret_key: '{{setting.appSecret}}', expiry: 3600, claims: { sub: '17', email: 'manager@veldhuis-software.nl' } },
    });
  });

  it('refreshes when the ticket fields, status or comments change, and keeps the iframe sized', async () => {
    const zaf = await boot(48212);
    await vi.waitFor(() => expect(q('[data-testid="verdict-badge"]')).not.toBeNull());
    expect(zaf.events()).toEqual(expect.arrayContaining(['ticket.status.changed', 'ticket.comments.changed', 'ticket.custom_field_360001000001.changed', 'ticket.custom_field_360001000002.changed']));
    for (const [event, expected] of [['ticket.custom_field_360001000001.changed', 2], ['ticket.status.changed', 3], ['ticket.comments.changed', 4]] as const) {
      zaf.trigger(event);
      await vi.waitFor(() => expect(loads(zaf.client)).toBe(expected));
    }
    expect(zaf.client.invoke).toHaveBeenCalledWith('resize', expect.objectContaining({ height: expect.stringMatching(/^\d+px$/) }));
  });
});

describe('the actions', () => {
  it('approves a covered, complete Call in one click', async () => {
    routes['POST /actions/approve'] = async () => ({ ok: true, applied: true, status: 'approved' });
    const { client } = await boot(48212);
    await vi.waitFor(() => expect(button('action-approve')?.textContent).toBe('Approve'));
    button('action-approve').click();
    await vi.waitFor(() => expect(q('[data-testid="action-notice"]')?.textContent).toBe('Approved.'));
    const post = client.request.mock.calls.find(([o]) => o.type === 'POST')![0];
    expect(post).toMatchObject({ url: expect.stringMatching(/\/tickets\/48212\/actions\/approve$/), data: '{}', contentType: 'application/json' });
    await vi.waitFor(() => expect(loads(client)).toBe(2));
  });

  it('asks for a reason before approving what the rules do not cover', async () => {
    routes['POST /actions/approve'] = async () => ({ ok: true, applied: true, status: 'approved' });
    const { client } = await boot(48203);
    await vi.waitFor(() => expect(button('action-approve')?.textContent).toBe('Approve anyway…'));
    button('action-approve').click();
    await vi.waitFor(() => expect(q('#inscope-reason')).not.toBeNull());
    expect(text()).toContain('The rules say this request is advisory');
    const confirm = Array.from(root.querySelectorAll('form button[type="submit"]'))[0] as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    type('#inscope-reason', 'Goodwill for a long-standing customer');
    await vi.waitFor(() => expect(confirm.disabled).toBe(false));
    confirm.click();
    await vi.waitFor(() => expect(q('[data-testid="action-notice"]')?.textContent).toBe('Approved.'));
    const post = client.request.mock.calls.find(([o]) => o.type === 'POST')![0];
    expect(JSON.parse(post.data!)).toEqual({ reason: 'Goodwill for a long-standing customer' });
  });

  it('opens the reason form when the connector answers reason_required', async () => {
    routes['POST /actions/approve'] = () => reply(422, 'reason_required', 'The rules say this request is review; approving it anyway needs a reason');
    await boot(48212);
    await vi.waitFor(() => expect(button('action-approve')).not.toBeNull());
    button('action-approve').click();
    await vi.waitFor(() => expect(q('#inscope-reason')).not.toBeNull());
  });

  it('says so when an approval was only recorded in shadow mode', async () => {
    routes['POST /actions/approve'] = async () => ({ ok: true, applied: false, status: 'approved' });
    await boot(48212, { shadow: true });
    await vi.waitFor(() => expect(text()).toContain('Shadow mode'));
    button('action-approve').click();
    await vi.waitFor(() => expect(q('[data-testid="action-notice"]')?.textContent).toBe('Approval recorded (shadow mode: the ticket was not changed).'));
  });

  it('disables Approve on a ticket that is already approved', async () => {
    await boot(48201);
    await vi.waitFor(() => expect(button('action-approve')).not.toBeNull());
    expect(button('action-approve').disabled).toBe(true);
    expect(text()).toContain('Already approved.');
  });

  it('puts the request for missing information into the reply editor for the agent to send', async () => {
    const message = 'Beste Anouk,\n\nWelke versie gebruikt u?\n\nMet vriendelijke groet';
    routes['POST /actions/request-info'] = async () => ({ ok: true, action: 'request-info', missing: [{ id: 'version-known' }], message });
    const { client } = await boot(48215);
    await vi.waitFor(() => expect(button('action-request-info')?.disabled).toBe(false));
    button('action-request-info').click();
    await vi.waitFor(() => expect(q('[data-testid="action-notice"]')?.textContent).toContain('is in the reply editor'));
    expect(client.set).toHaveBeenCalledWith('comment.type', 'publicReply');
    expect(client.invoke).toHaveBeenCalledWith('ticket.editor.insert', '<p>Beste Anouk,</p><p>Welke versie gebruikt u?</p><p>Met vriendelijke groet</p>');
  });

  it('falls back to setting the comment text when the editor cannot insert', async () => {
    routes['POST /actions/request-info'] = async () => ({ ok: true, missing: [], message: 'Which version?' });
    const { client } = await boot(48215);
    client.invoke.mockImplementation(async (name: unknown) => {
      if (name === 'ticket.editor.insert') throw new Error('not available');
      return undefined;
    });
    await vi.waitFor(() => expect(button('action-request-info')).not.toBeNull());
    button('action-request-info').click();
    await vi.waitFor(() => expect(client.set).toHaveBeenCalledWith('comment.text', 'Which version?'));
  });

  it('offers Request info only when something is missing', async () => {
    await boot(48212);
    await vi.waitFor(() => expect(button('action-request-info')).not.toBeNull());
    expect(button('action-request-info').disabled).toBe(true);
  });

  it('converts to advisory with a preview of the proposal before confirming', async () => {
    routes['POST /actions/convert'] = async (o) => {
      const { hours, scope } = JSON.parse(o.data!) as { hours: number; scope: string };
      return { ok: true, applied: true, proposal: { hours, hourlyRate: 135, currency: 'EUR', amount: hours * 135, scope } };
    };
    const { client } = await boot(48219);
    await vi.waitFor(() => expect(button('action-convert')).not.toBeNull());
    button('action-convert').click();
    await vi.waitFor(() => expect(q('#inscope-hours')).not.toBeNull());
    type('#inscope-hours', '3');
    type('#inscope-scope', 'Set up travel expense rules');
    await vi.waitFor(() => expect(q('[data-testid="convert-preview"]')?.textContent).toBe('Proposal: 3 h × €135.00 = €405.00'));
    (q('form button[type="submit"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(q('[data-testid="action-notice"]')?.textContent).toBe('Converted to advisory: 3 h × €135.00 = €405.00.'));
    const post = client.request.mock.calls.find(([o]) => o.type === 'POST')![0];
    expect(JSON.parse(post.data!)).toEqual({ hours: 3, scope: 'Set up travel expense rules' });
  });

  it('asks for explicit confirmation when the connector holds a conversion back over the budget', async () => {
    const bodies: unknown[] = [];
    routes['POST /actions/convert'] = async (o) => {
      const body = JSON.parse(o.data!) as { hours: number; scope: string; confirmOverBudget?: boolean };
      bodies.push(body);
      if (!body.confirmOverBudget) return reply(409, 'over_budget', 'Not sent: this proposal takes Bakkerij Jansen over its budget of 20 h for 2026-11');
      return { ok: true, applied: true, proposal: { hours: body.hours, hourlyRate: 135, currency: 'EUR', amount: body.hours * 135, scope: body.scope } };
    };
    await boot(48219);
    await vi.waitFor(() => expect(button('action-convert')).not.toBeNull());
    button('action-convert').click();
    await vi.waitFor(() => expect(q('#inscope-hours')).not.toBeNull());
    type('#inscope-hours', '30');
    type('#inscope-scope', 'Migrate all payroll rules');
    await vi.waitFor(() => expect(q('[data-testid="convert-preview"]')?.textContent).toBe('Proposal: 30 h × €135.00 = €4,050.00'));
    (q('form button[type="submit"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(q('[data-testid="over-budget"]')?.textContent).toContain('over its monthly budget'));
    expect(q('[data-testid="action-notice"]')?.textContent).toContain('over its budget');
    button('confirm-over-budget').click();
    await vi.waitFor(() => expect(q('[data-testid="action-notice"]')?.textContent).toBe('Converted to advisory: 30 h × €135.00 = €4,050.00.'));
    expect(bodies).toEqual([
      { hours: 30, scope: 'Migrate all payroll rules' },
      { hours: 30, scope: 'Migrate all payroll rules', confirmOverBudget: true },
    ]);
    expect(q('[data-testid="over-budget"]')).toBeNull();
  });

  it('says no proposal was sent when the rule sends none (proposal: none), adds nothing to the meter, and offers Convert to make one', async () => {
    const data = await exampleSidebarData(48203);
    const draft = data.verdict.proposal!;
    routes['GET /verdict'] = async () => ({ ...data, verdict: { ...data.verdict, proposal: { ...draft, send: false } }, proposal: null });
    routes['POST /actions/convert'] = async (o) => {
      const { hours, scope } = JSON.parse(o.data!) as { hours: number; scope: string };
      return { ok: true, applied: true, proposal: { hours, hourlyRate: 135, currency: 'EUR', amount: hours * 135, scope } };
    };
    const { client } = await boot(48203);
    await vi.waitFor(() => expect(q('[data-testid="verdict-badge"]')?.textContent).toBe('Advisory · no proposal sent'));
    expect(q('[data-testid="no-proposal"]')?.textContent).toBe('No proposal was sent: the rule that decided sends none. To send one, use “Convert to advisory…” with your hours and scope.');
    expect(text()).not.toContain('This proposal');
    button('action-convert').click();
    await vi.waitFor(() => expect(q('#inscope-hours')).not.toBeNull());
    type('#inscope-hours', '2');
    type('#inscope-scope', 'Set up the pension scheme together');
    await vi.waitFor(() => expect(q('[data-testid="convert-preview"]')?.textContent).toBe('Proposal: 2 h × €135.00 = €270.00'));
    (q('form button[type="submit"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(q('[data-testid="action-notice"]')?.textContent).toBe('Converted to advisory: 2 h × €135.00 = €270.00.'));
    expect(JSON.parse(client.request.mock.calls.find(([o]) => o.type === 'POST')![0].data!)).toEqual({ hours: 2, scope: 'Set up the pension scheme together' });
  });

  it.each([
    ['the rules say advisory', 48203, {}],
    ['the ticket is categorised advisory', 48219, { ticketCategory: 'advisory' }],
  ] as const)('offers no Convert when %s', async (_why, ticket, fixture) => {
    await boot(ticket, fixture);
    await vi.waitFor(() => expect(button('action-reevaluate')).not.toBeNull());
    expect(button('action-convert')).toBeNull();
  });

  it('keeps Convert disabled until hours and scope are valid', async () => {
    await boot(48219);
    await vi.waitFor(() => expect(button('action-convert')).not.toBeNull());
    button('action-convert').click();
    await vi.waitFor(() => expect(q('#inscope-hours')).not.toBeNull());
    type('#inscope-hours', '0');
    await vi.waitFor(() => expect(q('[data-testid="convert-preview"]')?.textContent).toBe('Enter the hours (more than 0) and a scope of at least 3 characters.'));
    expect((q('form button[type="submit"]') as HTMLButtonElement).disabled).toBe(true);
  });

  it('queues a re-evaluation and reloads', async () => {
    routes['POST /actions/reevaluate'] = async () => ({ ok: true, queued: true });
    const { client } = await boot(48212);
    await vi.waitFor(() => expect(button('action-reevaluate')).not.toBeNull());
    button('action-reevaluate').click();
    await vi.waitFor(() => expect(q('[data-testid="action-notice"]')?.textContent).toBe('Re-evaluation queued.'));
    await vi.waitFor(() => expect(loads(client)).toBe(2));
  });

  it('shows an action that fails without losing the verdict', async () => {
    routes['POST /actions/reevaluate'] = () => Promise.reject({ status: 0 });
    await boot(48212);
    await vi.waitFor(() => expect(button('action-reevaluate')).not.toBeNull());
    button('action-reevaluate').click();
    await vi.waitFor(() => expect(q('[data-testid="action-notice"]')?.getAttribute('role')).toBe('alert'));
    expect(q('[data-testid="verdict-badge"]')).not.toBeNull();
  });
});

export type { SidebarData };
