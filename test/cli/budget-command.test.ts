// `inscope budget report` through the real binary against a seeded SQLite store: the three formats,
// the organization filter, and clear usage errors for a missing or malformed month.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBudgetStore } from '../reports/seed-budget-store.js';

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
  const result = spawnSync(process.execPath, [bin, 'budget', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, INSCOPE_CONFIG: '', DATABASE_URL: databaseUrl } });
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
    [['report', '--month', '2026-11', '--format', 'pdf'], /--format must be one of table, csv, html/],
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
