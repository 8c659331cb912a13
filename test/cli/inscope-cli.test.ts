// The `inscope` CLI as a user runs it: a real child process through the package's bin script,
// on the shipped example config and tickets.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'connectors/cli/inscope.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function inscope(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, INSCOPE_CONFIG: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('inscope check-config', () => {
  it('accepts the example config with a one-line summary', () => {
    const { code, stdout } = inscope('check-config', '--config', 'examples/coverage.yaml');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(/coverage\.yaml: ok, 12 contracts, \d+ completeness rules, \d+ coverage rules, \d+ facts \(hash [0-9a-f]{12}\)/);
  });

  it('rejects a config with a typo, naming file, line, column and path', () => {
    const file = path.join(tmp, 'typo.yaml');
    fs.writeFileSync(file, fs.readFileSync(path.join(root, 'examples/coverage.yaml'), 'utf8').replace('validFrom: 2026-01-01', 'validFrm: 2026-01-01'));
    const { code, stderr } = inscope('check-config', '--config', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+\\s+contracts\\[\\d+\\]`));
    expect(stderr).toMatch(/validFrm/);
  });

  it('says plainly when the config file does not exist', () => {
    const { code, stderr } = inscope('check-config', '--config', path.join(tmp, 'missing.yaml'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/config file not found/);
  });
});

describe('inscope writing into a closed pipe', () => {
  it('stops quietly when the reader has what it wanted ("| head -c 100"), without a stack trace', () => {
    // Fifty verdicts with their traces are far more than a pipe holds, so the writer meets the
    // closed pipe whatever the timing.
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" triage --config examples/coverage.yaml test/eval/corpus/dev-zendesk-a.json 2>"${path.join(tmp, 'pipe.err')}" | head -c 100 >/dev/null`], { cwd: root, encoding: 'utf8' });
    expect(fs.readFileSync(path.join(tmp, 'pipe.err'), 'utf8')).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('inscope triage', () => {
  it('explains the verdict for one ticket with its trace', () => {
    const { code, stdout } = inscope('triage', 'examples/tickets/zendesk-48203-pensioenregeling-instellen.json');
    expect(code).toBe(0);
    expect(stdout).toMatch(/outcome\s+ADVISORY/);
    expect(stdout).toMatch(/rule\s+how-to-question/);
    expect(stdout).toMatch(/proposal\s+3 h × 135\.00 EUR = 405\.00 EUR/);
    expect(stdout).toMatch(/✓ how-to-question\s+← decided/);
    expect(stdout).toMatch(/✓ how-to-question\s+← decided\n\s+✓ the request is a how-to\s+\(saw how-to \(confidence 1; cues hoe stel ik/);
  });

  it('prints the verdict as JSON with the trace', () => {
    const { code, stdout } = inscope('triage', '--json', 'examples/tickets/zendesk-48224-werkt-niet.json');
    expect(code).toBe(0);
    const [first] = stdout.split(/\n(?=\{)/);
    const parsed = JSON.parse(first!) as { verdict: { outcome: string; missing: { id: string }[]; trace: { configHash: string; rules: unknown[] } } };
    expect(parsed.verdict.outcome).toBe('incomplete');
    expect(parsed.verdict.missing.map((m) => m.id)).toContain('version-known');
    expect(parsed.verdict.trace.rules.length).toBeGreaterThan(3);
  });

  it('triages a ticket written on the command line, for an administrator trying wording against the config', () => {
    const { code, stdout } = inscope('triage', '--subject', 'Planner 4.6.2 crasht', '--text', 'Sinds de update naar 4.6.2 crasht Planner. Foutmelding: ERR-1234 Object reference not set.', '--org', '9001', '--created', '2026-11-20T09:00:00Z');
    expect(code).toBe(0);
    expect(stdout).toMatch(/outcome\s+COVERED/);
    expect(stdout).toMatch(/product=planner \(subject\).*version=4\.6\.2/);
    const noContract = inscope('triage', '--json', '--text', 'Hoe stel ik de pensioenregeling in?', '--created', '2026-11-20T09:00:00Z');
    expect((JSON.parse(noContract.stdout) as { verdict: { outcome: string; contract: unknown } }).verdict).toMatchObject({ outcome: 'advisory', contract: null });
    expect(inscope('triage', '--text', 'x', '--created', '20-11-2026').stderr).toMatch(/--created must be an ISO 8601 instant/);
    expect(inscope('triage', '--text', 'x', 'examples/tickets/zendesk-48224-werkt-niet.json').stderr).toMatch(/either a ticket file or --text/);
  });

  it('asks for exactly one ticket file', () => {
    const { code, stderr } = inscope('triage');
    expect(code).toBe(2);
    expect(stderr).toMatch(/exactly one ticket file/);
  });
});

describe('inscope simulate', () => {
  it('ends the table with a summary per outcome, rule, organization budget and agreement', () => {
    const { code, stdout } = inscope('simulate', '--tickets', 'examples/tickets');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Triaged 37 tickets/);
    for (const outcome of ['incomplete', 'covered', 'advisory', 'review']) expect(stdout).toMatch(new RegExp(`^  ${outcome}\\s+\\d+`, 'm'));
    expect(stdout).toMatch(/Advisory proposals per organization and month/);
    expect(stdout).toMatch(/Agreement with the category and status people set: 6 of 9/);
  });

  it('writes one JSON object per ticket with the documented keys', () => {
    const out = path.join(tmp, 'rows.jsonl');
    const { code } = inscope('simulate', '--tickets', 'examples/tickets', '--format', 'json', '--out', out);
    expect(code).toBe(0);
    const rows = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(37);
    for (const key of ['ticket', 'source', 'outcome', 'category', 'status', 'missing', 'rule', 'reasons', 'estimateHours']) expect(rows[0]).toHaveProperty(key);
    const outcomes = new Set(rows.map((r) => r.outcome));
    for (const o of ['incomplete', 'covered', 'advisory']) expect(outcomes).toContain(o);
    expect([...outcomes].every((o) => ['incomplete', 'covered', 'advisory', 'review'].includes(o as string))).toBe(true);
    expect(rows.filter((r) => r.agrees === false).map((r) => r.ticket).sort()).toEqual(['48203', '48205', '48228']);
  });

  it('writes CSV with a header row and quoted cells', () => {
    const { code, stdout } = inscope('simulate', '--tickets', 'examples/tickets/zendesk-48203-pensioenregeling-instellen.json', '--format', 'csv');
    expect(code).toBe(0);
    const [header, row] = stdout.trim().split('\n');
    expect(header).toBe('ticket,source,outcome,category,status,rule,missing,estimateHours,amount,currency,contract,organization,agrees,reasons');
    expect(row).toMatch(/^48203,.*,advisory,advisory,new,how-to-question,,3,405,EUR,C-2025-014,/);
  });

  it('goes on past bad records, names them, and says so in its exit code', () => {
    const dir = path.join(tmp, 'mixed');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(root, 'examples/tickets/zendesk-48203-pensioenregeling-instellen.json'), path.join(dir, 'a-good.json'));
    fs.writeFileSync(path.join(dir, 'b-broken.json'), '{"ticket": {"id": 1,');
    fs.writeFileSync(path.join(dir, 'c-lines.jsonl'), '{"id":"N-1","subject":"Vraag","description":"Hoe stel ik dit in?","createdAt":"2026-11-02T10:00:00Z"}\n{"subject":"no id","createdAt":"2026-11-02T10:00:00Z"}\n');
    const { code, stdout } = inscope('simulate', '--tickets', dir);
    expect(code).toBe(3);
    expect(stdout).toMatch(/Triaged 2 tickets, skipped 2 records/);
    expect(stdout).toMatch(/b-broken\.json.*not.*JSON/i);
    expect(stdout).toMatch(/c-lines\.jsonl record 2: .*id/);
  });

  it('refuses an unknown format', () => {
    const { code, stderr } = inscope('simulate', '--format', 'xml');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--format must be one of table, json, csv/);
  });
});

describe('inscope schema', () => {
  it('prints a JSON Schema that describes contracts and rules', () => {
    const { code, stdout } = inscope('schema');
    expect(code).toBe(0);
    const schema = JSON.parse(stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['contracts', 'completeness', 'coverage', 'facts', 'helpdesks']));
  });
});

describe('inscope', () => {
  it('lists its commands and refuses an unknown one', () => {
    const { code, stderr } = inscope('frobnicate');
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "frobnicate"/);
    expect(stderr).toMatch(/simulate/);
  });
});

describe('inscope on input the engine refuses', () => {
  it('skips a record whose creation date cannot be read, names it, and goes on', () => {
    const file = path.join(tmp, 'odd-date.jsonl');
    fs.writeFileSync(
      file,
      '{"id":"N-7","subject":"Vraag","description":"Hoe stel ik dit in?","createdAt":"Mon, 05 Oct 2026 09:00:00 GMT"}\n{"id":"N-8","subject":"Vraag","description":"Hoe stel ik dit in?","createdAt":"2026-10-05T09:00:00Z"}\n',
    );
    const { code, stdout, stderr } = inscope('simulate', '--tickets', file);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(3);
    expect(stdout).toMatch(/Triaged 1 tickets, skipped 1 records/);
    expect(stdout).toMatch(/odd-date\.jsonl record 1/);
  });

  it('refuses a command name that is a property of every object', () => {
    const { code, stderr } = inscope('constructor');
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "constructor"/);
  });
});

describe('inscope migrate', () => {
  it('brings a new store up to date, and says so when run again', () => {
    const db = path.join(tmp, 'migrate.db');
    const run = () => spawnSync(process.execPath, [bin, 'migrate'], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: db } });
    const first = run();
    expect(first.status).toBe(0);
    // SQLite migrates as it opens, so the command may find nothing left to apply.
    expect(first.stdout).toMatch(/applied migrations 1(, \d+)*|up to date/);
    expect(fs.existsSync(db)).toBe(true);
    const second = run();
    expect(second.stdout).toMatch(/up to date/);
  });
});
