// `inscope zendesk …` argument and environment handling, in-process; one real child process checks
// that main.ts dispatches to the command. The Zendesk conversations are in test/zendesk/setup and backfill.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSince } from '../../connectors/cli/commands/zendesk.js';
import { useZendeskCli } from '../zendesk/setup/zendesk-cli-harness.js';

const cli = useZendeskCli();
const NOW = Date.parse('2026-11-27T12:00:00Z');

describe('inscope zendesk arguments', () => {
  it.each([
    [[], 'usage: inscope zendesk setup'],
    [['sync'], 'usage: inscope zendesk setup'],
    [['setup', 'extra'], 'usage: inscope zendesk setup'],
    [['setup', '--since', '2026-10-01'], '--since and --limit belong to backfill'],
    [['backfill', '--since', '2026-10-01', '--limit', '0'], '--limit: expected a whole number of 1 or more, got "0"'],
    [['backfill', '--since', 'last tuesday'], '--since: expected a date YYYY-MM-DD (midnight UTC) or a time with its zone such as 2026-10-01T08:00:00Z or 2026-10-01T10:00:00+02:00, got "last tuesday"'],
    [['setup', '--dry-rn'], "Unknown option '--dry-rn'"],
  ])('refuses %j with a usage error', async (argv, message) => {
    const result = await cli.run(argv);
    expect(result.code).toBe('error');
    expect(result.error?.exitCode).toBe(2);
    expect(result.error?.message).toContain(message);
    expect(result.calls).toHaveLength(0);
  });

  it.each([
    ['2026-10-01', Date.parse('2026-10-01T00:00:00Z')],
    ['2026-10-01T08:30:00+02:00', Date.parse('2026-10-01T06:30:00Z')],
    ['2026-10-01T08:30Z', Date.parse('2026-10-01T08:30:00Z')],
    ['2026-10-01T08:30:00.250Z', Date.parse('2026-10-01T08:30:00.250Z')],
  ])('reads --since %s', (raw, expected) => {
    expect(parseSince(raw, NOW)).toBe(expected);
  });

  // Each of these Date.parse reads as some date: 10 January, the year 2026 (or, as Unix seconds, 1970),
  // local midnight, 1 March. A date option takes strict ISO only.
  it.each(['01-10-2026', '2026', '1790812800', '2026-10-01T08:00:00', '2026-02-29', '2026-10-1', '2026-10-01 08:00Z', '2026-10-01T24:00:00Z', 'Oct 1 2026'])('refuses --since %s, naming what it expects', (raw) => {
    expect(() => parseSince(raw, NOW)).toThrow(`--since: expected a date YYYY-MM-DD (midnight UTC) or a time with its zone such as 2026-10-01T08:00:00Z or 2026-10-01T10:00:00+02:00, got ${JSON.stringify(raw)}`);
  });
});

describe('inscope zendesk environment', () => {
  it.each(['setup', 'backfill'])('%s names the variables to set when there are no Zendesk credentials', async (sub) => {
    const result = await cli.run([sub, ...(sub === 'backfill' ? ['--since', '2026-10-01'] : [])], {
      ZENDESK_EMAIL: undefined,
      ZENDESK_API_TOKEN: undefined,
    });
    expect(result.code).toBe('error');
    expect(result.error?.exitCode).toBe(1);
    expect(result.error?.message).toContain('set ZENDESK_SUBDOMAIN with ZENDESK_EMAIL and ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN)');
  });

  it('names the missing variable when ZENDESK_EMAIL comes without ZENDESK_API_TOKEN', async () => {
    const result = await cli.run(['setup'], { ZENDESK_API_TOKEN: undefined });
    expect(result.code).toBe('error');
    expect(result.error?.message).toContain('ZENDESK_API_TOKEN: required with ZENDESK_EMAIL');
  });
});

describe('inscope zendesk from the command line', () => {
  it('is dispatched by main and prints its usage on a bad sub-command', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const result = spawnSync(process.execPath, [path.join(root, 'connectors/cli/inscope.js'), 'zendesk', 'nonsense'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('inscope zendesk: usage: inscope zendesk setup');
  });
});
