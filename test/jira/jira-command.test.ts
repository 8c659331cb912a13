// `inscope jira setup` and `inscope jira backfill` against nock, with a real SQLite store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { jiraCommand } from '../../connectors/cli/commands/jira.js';
import { openStore } from '../../connectors/store/open-store.js';
import { asJiraIssue, freshZendesk, JIRA_SITE, root } from '../helpdesk-port/same-request.js';

let dir: string;
let out: string[];
const noPacing = { acquire: async () => {}, observe: () => {} };

function env(extra: Record<string, string> = {}) {
  return {
    INSCOPE_CONFIG: path.join(root, 'examples/coverage.yaml'),
    DATABASE_URL: path.join(dir, 'inscope.db'),
    INSCOPE_PUBLIC_URL: 'https://inscope.veldhuis-software.nl',
    JIRA_SITE_URL: JIRA_SITE,
    JIRA_EMAIL: 'inscope@veldhuis-software.nl',
    JIRA_API_TOKEN: 'jira-api-token-for-tests',
    ...extra,
  };
}

const run = (argv: string[], extra: Record<string, string> = {}) =>
  jiraCommand(argv, { env: env(extra), client: { pacer: noPacing, sleep: async () => {} }, newSecret: () => 'generated-secret-for-tests', now: () => Date.parse('2026-11-27T10:00:00Z') });

beforeAll(() => {
  nock.disableNetConnect();
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-jira-cli-'));
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
});
afterEach(() => {
  vi.restoreAllMocks();
  nock.cleanAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

const select = { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select' };

describe('inscope jira setup', () => {
  /** The example config without its `helpdesks.jira` block: a site InScope has not been set up on. */
  function configWithoutJira(): string {
    const text = fs.readFileSync(path.join(root, 'examples/coverage.yaml'), 'utf8').replace(/\n {2}jira:\n(?: {4}.*\n)+/, '\n');
    const file = path.join(dir, 'coverage.yaml');
    fs.writeFileSync(file, text);
    return file;
  }

  /** The fields examples/coverage.yaml maps, as GET /rest/api/3/field lists them. */
  const mappedFields = ['customfield_10010', 'customfield_10011', 'customfield_10012', 'customfield_10013', 'customfield_10014', 'customfield_10002'].map((id) => ({ id, name: id, custom: true, schema: { type: 'string' } }));

  it('plans the field, its options and the signed webhook on a dry run, and changes nothing', async () => {
    nock(JIRA_SITE)
      .get('/rest/api/3/field').reply(200, [{ id: 'summary', name: 'Summary', custom: false, schema: { type: 'string', system: 'summary' } }])
      .get('/rest/api/3/project/SUP/statuses').reply(200, [{ id: '10004', name: 'Incident', subtask: false, statuses: [{ id: '1', name: 'New' }, { id: '2', name: 'Approved' }, { id: '3', name: 'Resolved' }] }])
      .get('/rest/webhooks/1.0/webhook').reply(200, []);
    expect(await run(['setup', '--dry-run', '--project', 'SUP', '--config', configWithoutJira()])).toBe(0);
    const text = out.join('');
    expect(text).toContain('+ Category field: a single select list "Category"');
    expect(text).toContain('✓ Workflow statuses: SUP uses New and Approved');
    expect(text).toContain('+ Webhook: "InScope" → https://inscope.veldhuis-software.nl/webhooks/jira for jira:issue_created, jira:issue_updated, comment_created');
    expect(nock.isDone()).toBe(true);
  });

  it('adds missing options, registers the webhook with a secret it keeps in the store, and flags a missing status', async () => {
    const bodies: unknown[] = [];
    nock(JIRA_SITE)
      .get('/rest/api/3/field').reply(200, [{ id: 'customfield_10050', name: 'Category', custom: true, schema: select }, ...mappedFields])
      .get('/rest/api/3/field/customfield_10050/context').reply(200, { values: [{ id: '10150', name: 'Default context', isGlobalContext: true, isAnyIssueType: true }], isLast: true })
      .get('/rest/api/3/field/customfield_10050/context/10150/option').query(true).reply(200, { values: [{ id: '10300', value: 'Call', disabled: false }], isLast: true })
      .post('/rest/api/3/field/customfield_10050/context/10150/option', (b) => bodies.push(b) > 0).reply(200, { options: [{ id: '10301', value: 'Advisory', disabled: false }] })
      .get('/rest/api/3/project/SUP/statuses').reply(200, [{ id: '10004', name: 'Incident', subtask: false, statuses: [{ id: '1', name: 'New' }] }])
      .get('/rest/webhooks/1.0/webhook').reply(200, [])
      .post('/rest/webhooks/1.0/webhook', (b) => bodies.push(b) > 0).reply(201, { self: `${JIRA_SITE}/rest/webhooks/1.0/webhook/7`, name: 'InScope', url: 'x', events: [] });
    expect(await run(['setup', '--project', 'SUP'])).toBe(3);
    expect(bodies).toEqual([
      { options: [{ value: 'Advisory' }] },
      {
        name: 'InScope',
        url: 'https://inscope.veldhuis-software.nl/webhooks/jira',
        events: ['jira:issue_created', 'jira:issue_updated', 'comment_created'],
        filters: { 'issue-related-events-section': 'project = "SUP"' },
        excludeBody: false,
        secret: 'generated-secret-for-tests',
      },
    ]);
    expect(out.join('')).toContain("! Workflow statuses: SUP's workflows lack Approved");
    expect(out.join('')).not.toContain('generated-secret-for-tests');
    const store = await openStore(path.join(dir, 'inscope.db'));
    expect(await store.getSetting('jira.webhook_secret')).toBe('generated-secret-for-tests');
    await store.close();
  });

  it.each([false, true])('fails, changing nothing, when the config names a Category field the site does not have (dry run: %s)', async (dryRun) => {
    nock(JIRA_SITE).get('/rest/api/3/field').reply(200, [{ id: 'customfield_10099', name: 'Category', custom: true, schema: select }, ...mappedFields]);
    expect(await run(['setup', ...(dryRun ? ['--dry-run'] : []), '--project', 'SUP'])).toBe(1);
    const text = out.join('');
    expect(text).toContain('✗ Config: helpdesks.jira.categoryField: customfield_10050 does not exist on this site (a "Category" select list exists as customfield_10099)');
    expect(text).toContain('Nothing was changed');
    expect(nock.isDone()).toBe(true);
  });

  it('fails when a mapped field does not exist, naming each', async () => {
    nock(JIRA_SITE).get('/rest/api/3/field').reply(200, [{ id: 'customfield_10050', name: 'Category', custom: true, schema: select }, ...mappedFields.filter((f) => f.id !== 'customfield_10011' && f.id !== 'customfield_10002')]);
    expect(await run(['setup', '--project', 'SUP'])).toBe(1);
    const text = out.join('');
    expect(text).toContain('✗ Config: helpdesks.jira.fields.version: customfield_10011 does not exist on this site');
    expect(text).toContain('✗ Config: helpdesks.jira.fields.organizations: customfield_10002 does not exist on this site');
  });
});

describe('inscope jira backfill', () => {
  const issues = [asJiraIssue(freshZendesk(48201)), asJiraIssue(freshZendesk(48203)), asJiraIssue(freshZendesk(48224))];

  function mockSearch() {
    nock(JIRA_SITE)
      .get('/rest/api/3/search/jql').query((q) => q.jql === 'project = SUP AND statusCategory != Done' && q.nextPageToken === undefined).reply(200, { issues: issues.slice(0, 2), nextPageToken: 'next' })
      .get('/rest/api/3/search/jql').query((q) => q.nextPageToken === 'next').reply(200, { issues: issues.slice(2), isLast: true });
  }

  it('triages every page locally on a dry run', async () => {
    mockSearch();
    expect(await run(['backfill', '--jql', 'project = SUP AND statusCategory != Done', '--dry-run'])).toBe(0);
    expect(out.join('')).toContain('3 request(s) triaged: covered 1 · incomplete 1 · advisory 1 · review 0');
  });

  it('queues each request once, however often it runs', async () => {
    mockSearch();
    expect(await run(['backfill', '--jql', 'project = SUP AND statusCategory != Done'])).toBe(0);
    mockSearch();
    expect(await run(['backfill', '--jql', 'project = SUP AND statusCategory != Done'])).toBe(0);
    expect(out.join('')).toContain('Queued 3 request(s)');
    expect(out.join('')).toContain('Queued 0 request(s) for the service\'s workers; 3 already queued');
  });

  it('asks for --jql', async () => {
    await expect(run(['backfill'])).rejects.toMatchObject({ exitCode: 2 });
  });
});
