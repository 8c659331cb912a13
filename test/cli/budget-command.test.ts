// `inscope budget report` through the real binary against a seeded SQLite store: the three formats,
// the organization filter, and clear usage errors for a missing or malformed month.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTUALS, seedBudgetStore } from '../reports/seed-budget-store.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'connectors/cli/inscope.js');
let dir: string;
let databaseUrl: string;

beforeAll(async () => {
  const seeded = await seedBudgetStore();
  ({ dir, databaseUrl } = seeded);
  await seeded.store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function inscope(...args: string[]) {
  return inscopeOn(databaseUrl, ...args);
}

function inscopeOn(database: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'budget', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, INSCOPE_CONFIG: '', DATABASE_URL: database } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('inscope budget report', () => {
  it('prints a table per organization by default', () => {
    const { code, stdout } = inscope('report', '--month', '2026-11');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Budget 2026-11\n/);
    expect(stdout).toMatch(/Bakkerij Jansen B\.V\.\s+C-2026-001\s+3\s+1\s+1\s+6 h\s+4 h\s+€750\.00\s+€500\.00\s+20 h\s+10 h\s+50%/);
  });

  it('writes CSV for one organization with --org', () => {
    const { code, stdout } = inscope('report', '--month', '2026-11', '--org', '9002', '--format', 'csv');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('2026-11,"Northwind <Traders> & ""Co""",9002,C-2025-014,EUR,2,1,0,10.00,4.00,1500.00,500.00,,4000.00,2000.00,amount,50,0');
  });

  it('writes the HTML page with one chart per organization', () => {
    const { code, stdout } = inscope('report', '--month', '2026-11', '--format', 'html');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!doctype html>/);
    expect(stdout.match(/<svg [^>]*role="img"/g)).toHaveLength(5);
    expect(stdout.match(/<section>/g)).toHaveLength(5);
    expect(stdout).toContain('Northwind &lt;Traders&gt;');
  });

  it.each([
    [['report'], /--month is required: the month must be given as YYYY-MM/],
    [['report', '--month', '2026-13'], /--month: expected a month YYYY-MM such as 2026-11, got "2026-13"/],
    [['report', '--month', 'november'], /--month: expected a month YYYY-MM such as 2026-11, got "november"/],
    [['report', '--month', '2026-1'], /--month: expected a month YYYY-MM such as 2026-11, got "2026-1"/],
    [['report', '--month', '2026-11', '--format', 'pdf'], /--format must be one of table, csv, html, json/],
    [['report', '--month', '2026-11', '--since', '2026-12'], /--since: expected a month YYYY-MM from 120 months before the report's month up to it, got "2026-12"/],
    [['report', '--month', '2026-11', '--since', '26-01'], /--since: expected a month YYYY-MM/],
    [['summary', '--month', '2026-11'], /unknown budget command "summary"/],
  ])('refuses %j with a usage error', (args, message) => {
    const { code, stderr } = inscope(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('says when the organization has nothing in the month', () => {
    const { code, stderr } = inscope('report', '--month', '2026-11', '--org', 'nobody');
    expect(code).toBe(1);
    expect(stderr).toMatch(/no organization or contract "nobody"/);
  });
});

describe('inscope budget report: quoted versus actual', () => {
  let actualsDir: string;
  let actualsUrl: string;
  beforeAll(async () => {
    const seeded = await seedBudgetStore(ACTUALS);
    ({ dir: actualsDir, databaseUrl: actualsUrl } = seeded);
    await seeded.store.close();
  });
  afterAll(() => fs.rmSync(actualsDir, { recursive: true, force: true }));

  it('follows the statement in the table, over the twelve months ending with --month', () => {
    const { code, stdout } = inscopeOn(actualsUrl, 'report', '--month', '2026-11');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Budget 2026-11\n/);
    expect(stdout).toMatch(/\nQuoted versus actual, 2025-12 to 2026-11 \(accepted proposals/);
    expect(stdout).toMatch(/\nBakkerij Jansen B\.V\.\s+1\s+1\s+1\s+6 h\s+7\.5 h\s+1\.25\n/);
    expect(stdout).toMatch(/\nNorthwind <Traders> & "Co"\s+3\s+2\s+1\s+14 h\s+13 h\s+0\.93\n/);
  });

  it('writes the statement and the figures as JSON, for the months from --since', () => {
    const { code, stdout } = inscopeOn(actualsUrl, 'report', '--month', '2026-11', '--since', '2026-11', '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { month: string; statement: { contractId: string }[]; actuals: { from: string; total: unknown; byKind: { key: string; ratio: number }[] } };
    expect(json.month).toBe('2026-11');
    expect(json.statement.map((r) => r.contractId)).toContain('C-2026-001');
    expect(json.actuals).toMatchObject({ from: '2026-11', total: { accepted: 2, measured: 2, quotedHours: 16, actualHours: 15.5, ratio: 0.97 } });
    expect(json.actuals.byKind.map((k) => [k.key, k.ratio])).toEqual([['how-to', 1.25], ['own-implementation', 0.8]]);
  });

  it('shows quoted versus actual on the HTML page for one organization', () => {
    const { code, stdout } = inscopeOn(actualsUrl, 'report', '--month', '2026-11', '--org', '9002', '--format', 'html');
    expect(code).toBe(0);
    expect(stdout).toContain('<h2 id="actuals-title">Quoted versus actual, 2025-12 to 2026-11</h2>');
    expect(stdout).toContain('<th scope="row">Northwind &lt;Traders&gt; &amp; &quot;Co&quot;</th><td>3</td><td>2</td><td>1</td><td>14 h</td><td>13 h</td><td>0.93</td>');
    expect(stdout).not.toContain('Bakkerij');
  });

  it('keeps the CSV to the statement alone', () => {
    const { stdout } = inscopeOn(actualsUrl, 'report', '--month', '2026-11', '--format', 'csv');
    expect(stdout).not.toMatch(/quoted/i);
    expect(stdout.trimEnd().split('\r\n')[0]).toMatch(/^month,organization,/);
  });
});
