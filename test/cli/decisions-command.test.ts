// `inscope decisions list|show` through the real binary, against a real store of each backend
// (SQLite file, PostgreSQL schema) seeded with decisions as the worker records them.
import { expect, it } from 'vitest';
import type { AuditInput, Store } from '../../connectors/store/store.js';
import { describeStores } from '../store/store-backends.js';
import { runInscope, type InscopeRun } from '../helpers/run-inscope.js';

const NOV_2 = Date.parse('2026-11-02T08:41:12Z');
const DAY = 86_400_000;

function inscope(databaseUrl: string, ...args: string[]): Promise<InscopeRun> {
  return runInscope(['decisions', ...args], { INSCOPE_CONFIG: '', INSCOPE_TENANTS: '', DATABASE_URL: databaseUrl });
}

const base = { helpdesk: 'zendesk', accountId: 'default', eventIds: ['evt'], configHash: '2338dcd3b994', calls: [] } as const;

/** A shadow decision as process-job records it: the verdict with the change it would have written. */
function shadowDecision(ticketId: string, at: number, outcome: 'covered' | 'advisory', contract: { id: string; name: string }, organizationId: string): AuditInput {
  const advisory = outcome === 'advisory';
  return {
    ...base, ticketId, jobId: Number(ticketId), kind: 'decision', outcome, rule: advisory ? 'how-to-question' : 'defect', at,
    note: 'shadow, nothing written: first decision',
    verdict: {
      outcome, rule: advisory ? 'how-to-question' : 'defect', reasons: [{ en: advisory ? 'A question, under a proposal.' : 'A defect.' }],
      contract, organization: { id: organizationId, name: null }, mode: 'shadow', commentLocale: 'nl',
      planned: {
        category: advisory ? 'advisory' : 'call', status: advisory ? 'new' : 'approved',
        tags: [`inscope_${outcome}`, 'inscope_d_0badc0de'],
        comment: { body: advisory ? 'Beste klant,\nUw verzoek valt niet onder uw contract.' : 'InScope: Gedekt (Call)', public: advisory, attachments: advisory ? [{ filename: 'P-2026-0001-v1.pdf', contentType: 'application/pdf', size: 1 }] : undefined },
      },
      ...(advisory ? { proposal: { id: 1, number: 'P-2026-0001', version: 1 } } : {}),
    },
  };
}

async function seed(store: Store): Promise<void> {
  await store.appendAudit(shadowDecision('48213', NOV_2, 'covered', { id: 'C-2026-001', name: 'Bakkerij Jansen B.V.' }, '9001'));
  await store.appendAudit(shadowDecision('48203', NOV_2 + DAY, 'advisory', { id: 'C-2025-014', name: 'Gemeente Zuidwijk' }, '9002'));
  // Not decisions: the proposal's own entry is listed by neither command.
  await store.appendAudit({ ...base, ticketId: '48203', kind: 'action', outcome: 'advisory', rule: 'proposal-shadow', at: NOV_2 + DAY, verdict: null });
}

describeStores('inscope decisions', (stores) => {
  it('lists the decisions newest first with what they would set, filtered by outcome, rule, organization and time', async () => {
    await seed(await stores.open());
    const table = await inscope(stores.url(), 'list', '--format', 'table');
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+when \(UTC\)\s+mode\s+ticket\s+outcome\s+rule\s+organization\s+category\s+status\s+tags\s+comment\s+proposal$/);
    expect(lines[1]).toMatch(/^2\s+2026-11-03 08:41:12\s+shadow\s+48203\s+advisory\s+how-to-question\s+Gemeente Zuidwijk\s+advisory\s+new\s+inscope_advisory inscope_d_0badc0de\s+public \(nl\)\s+P-2026-0001 v1$/);
    expect(lines[2]).toMatch(/^1\s+2026-11-02 08:41:12\s+shadow\s+48213\s+covered\s+defect\s+Bakkerij Jansen B\.V\.\s+call\s+approved\s+inscope_covered inscope_d_0badc0de\s+internal \(nl\)\s+-$/);
    expect(lines[3]).toMatch(/^shadow: nothing was written/);

    const tickets = async (...args: string[]) => {
      const { code, stdout } = await inscope(stores.url(), 'list', '--format', 'json', ...args);
      expect(code).toBe(0);
      return stdout.trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { ticket: string }).ticket);
    };
    expect(await tickets('--outcome', 'advisory')).toEqual(['48203']);
    expect(await tickets('--rule', 'defect', '--org', '9001')).toEqual(['48213']);
    expect(await tickets('--org', 'Gemeente Zuidwijk')).toEqual(['48203']);
    // --until names a day and includes it; --since is inclusive.
    expect(await tickets('--since', '2026-11-02', '--until', '2026-11-02')).toEqual(['48213']);
    expect(await tickets('--since', '2026-11-03T00:00:00+01:00')).toEqual(['48203']);
  }, 60_000);

  it('writes CSV and shows one decision in full', async () => {
    await seed(await stores.open());
    const csv = await inscope(stores.url(), 'list', '--format', 'csv', '--outcome', 'advisory');
    expect(csv.code).toBe(0);
    const [header, row, end] = csv.stdout.split('\r\n');
    expect(header).toBe('id,at,mode,helpdesk,ticket,kind,outcome,rule,organization,contract,category,status,tags,comment_public,comment_language,proposal,reason,note');
    expect(row).toBe('2,2026-11-03T08:41:12.000Z,shadow,zendesk,48203,decision,advisory,how-to-question,Gemeente Zuidwijk,C-2025-014,advisory,new,inscope_advisory inscope_d_0badc0de,true,nl,P-2026-0001 v1,"A question, under a proposal.","shadow, nothing written: first decision"');
    expect(end).toBe('');

    const show = await inscope(stores.url(), 'show', '2');
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Decision 2: ticket 48203 (zendesk) at 2026-11-03T08:41:12.000Z, shadow mode');
    expect(show.stdout).toMatch(/would set\n\s+category\s+advisory\n\s+status\s+new\n/);
    expect(show.stdout).toContain('| Uw verzoek valt niet onder uw contract.');
    const missing = await inscope(stores.url(), 'show', '3');
    expect(missing).toMatchObject({ code: 1, stderr: 'inscope decisions: no decision 3 in the audit log\n' });
  }, 60_000);
});

it.each([
  ['--since', '01-10-2026'],
  ['--since', '2026'],
  ['--until', '2026-02-30'],
  ['--since', '2026-11-02T08:00:00'],
])('refuses %s %s before it opens any store', async (option, value) => {
  const { code, stdout, stderr } = await inscope('postgres://nobody@127.0.0.1:1/none', 'list', option, value);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toBe(`inscope decisions: ${option} "${value}" is not valid: expected a date YYYY-MM-DD (UTC) or an instant such as 2026-11-02T08:00:00Z or 2026-11-02T09:00+01:00\n`);
}, 30_000);
