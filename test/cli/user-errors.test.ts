// A user's mistake ends in one line that says what is wrong and an exit code, never a stack trace:
// a busy port, a folder where a file belongs, an output path in a missing folder. Real child
// processes through the package's bin script, as an administrator runs them.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService } from '../../connectors/server/start-service.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'connectors/cli/inscope.js');
const STACK = /^\s+at .+:\d+:\d+\)?$/m;
let tmp: string;
let busy: net.Server;
let busyPort: number;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-user-errors-'));
  busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => busy.close(() => resolve()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(ZENDESK_|INSCOPE_|DATABASE_URL$|PORT$|HOST$)/.test(key))),
  DATABASE_URL: path.join(tmp, 'inscope.db'),
  ...extra,
});

function inscope(args: string[], extra: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: env(extra), timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('arguments the command does not take', () => {
  it('checks the file named without --config, not the default config', () => {
    const named = inscope(['check-config', 'test/eval/configs/admin-from-docs-2.yaml']);
    expect([named.code, named.stdout]).toEqual([0, expect.stringMatching(/^test\/eval\/configs\/admin-from-docs-2\.yaml: ok, /)]);
    const broken = path.join(tmp, 'broken.yaml');
    fs.writeFileSync(broken, 'version: 1\ncontracts: 3\n');
    expect(inscope(['check-config', broken]).code).not.toBe(0);
    expect(inscope(['check-config', '--config', broken, broken]).stderr).toMatch(/two configs given/);
  });

  it('says a stray argument out loud instead of ignoring it', () => {
    const r = inscope(['serve', 'my.yaml']);
    expect([r.code, r.stderr.trim()]).toEqual([2, 'inscope serve: unexpected argument "my.yaml"; to use it as the config: --config my.yaml']);
  });

  it('prints a command\'s own usage for --help', () => {
    const r = inscope(['init', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}init --products FILE --contracts FILE --rate N/);
    expect(r.stdout).toContain('write a commented starter config');
    expect(r.stdout).not.toContain('simulate');
  });
});

describe('inscope serve on a port it cannot open', () => {
  it('exits 1 naming the address and what to change, instead of running without a listener', async () => {
    // Asynchronous: a service that wrongly keeps running must fail this test, not hang it.
    const child = spawn(process.execPath, [bin, 'serve'], { cwd: root, env: env({ PORT: String(busyPort), HOST: '127.0.0.1' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      const poll = setInterval(() => {
        if (/listening on/.test(output)) {
          clearInterval(poll);
          child.kill('SIGKILL');
        }
      }, 20);
      child.once('exit', () => clearInterval(poll));
    });
    expect(output).toContain(`inscope serve: cannot listen on 127.0.0.1:${busyPort}: the port is already in use`);
    expect(output).not.toMatch(/listening on/);
    expect(output).not.toMatch(STACK);
    expect(code).toBe(1);
  });

  it('startService rejects with the listen error and closes what it opened', async () => {
    const settings = readSettings({ PORT: String(busyPort), HOST: '127.0.0.1', DATABASE_URL: path.join(tmp, 'direct.db') });
    await expect(startService({ settings, startWorkers: false, forge: null })).rejects.toMatchObject({ code: 'EADDRINUSE', syscall: 'listen' });
  });
});

describe('a folder or a missing folder where a file belongs', () => {
  it.each([
    [['check-config', '--config', 'examples'], 'examples:1:1  this is a folder: expected a config file (YAML or JSON)'],
    [['triage', '--config', 'examples', 'examples/tickets/zendesk-48203-pensioenregeling-instellen.json'], 'this is a folder: expected a config file'],
    [['simulate', '--config', 'examples'], 'this is a folder: expected a config file'],
    [['budget', 'report', '--month', '2026-11', '--config', 'examples'], 'this is a folder: expected a config file'],
    [['serve', '--config', 'examples', '--port', '0'], 'this is a folder: expected a config file'],
    [['simulate', '--out', 'examples'], 'cannot open examples: it is a folder, expected a file'],
    [['simulate', '--out', 'no-such-folder/verdicts.jsonl'], 'cannot open no-such-folder/verdicts.jsonl: no such file or folder'],
  ])('inscope %j says so in one line and exits 1', (args, message) => {
    const { code, stderr } = inscope(args, { HOST: '127.0.0.1' });
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(STACK);
    expect(code).toBe(1);
  });

  it('serve with INSCOPE_TENANTS naming a folder says so', () => {
    const { code, stderr } = inscope(['serve'], { INSCOPE_TENANTS: 'examples', HOST: '127.0.0.1', PORT: '0' });
    expect(stderr).toContain('examples:1:1  this is a folder: expected a tenants file (YAML)');
    expect(stderr).not.toMatch(STACK);
    expect(code).toBe(1);
  });
});

describe('a database that is not there', () => {
  it.each([
    ['jobs', 'list'],
    ['migrate'],
  ])('inscope %s with DATABASE_URL at a closed port says it cannot connect, without the URL', async (...args) => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { code, stderr } = inscope(args, { DATABASE_URL: `postgres://inscope:hunter2@127.0.0.1:${port}/inscope` });
    expect(stderr).toContain(`cannot connect to 127.0.0.1:${port}: connection refused. Check DATABASE_URL`);
    expect(stderr).not.toContain('hunter2');
    expect(stderr).not.toMatch(STACK);
    expect(code).toBe(1);
  });

  it('names an unsupported DATABASE_URL scheme in one line', () => {
    const { code, stderr } = inscope(['jobs', 'list'], { DATABASE_URL: 'mysql://127.0.0.1/inscope' });
    expect(stderr).toContain('DATABASE_URL: unsupported database URL scheme "mysql"');
    expect(stderr).not.toMatch(STACK);
    expect(code).toBe(1);
  });
});
