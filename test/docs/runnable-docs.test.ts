// Every shell block in README.md and docs/ marked ```sh runnable is run exactly as written, in a
// fresh copy of the project (its own data/ folder, so its own SQLite store) with a free port in PORT,
// so a documented step that stops working fails here instead of in an administrator's terminal. The
// copy is what a fresh clone is after `npm ci`: the sources, node_modules (linked) and dist/node/.
// Blocks of one file run in order in one copy (a later block may use a file an earlier one wrote).
// A background service a block starts (the README's `npm start &`) is stopped with its process group.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractShellBlocks, type ShellBlock } from './extract-shell-blocks.js';

const root = path.resolve(import.meta.dirname, '../..');
const DOCS = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const blocks = DOCS.flatMap((file) => extractShellBlocks(fs.readFileSync(path.join(root, file), 'utf8'), file));
const runnable = blocks.filter((b) => b.marks.includes('runnable'));
const byFile = [...new Set(runnable.map((b) => b.file))].map((file) => [file, runnable.filter((b) => b.file === file)] as const);
const BLOCK_TIMEOUT_MS = 120_000;
/** What the copy leaves out: the project's own state, and what is linked instead of copied. */
const SKIP = new Set(['node_modules', '.git', 'dist', 'data', 'coverage', 'reports']);

const copies: string[] = [];
// Removing a dozen copies of the project takes seconds on a busy machine; the default 10 s is too tight.
afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

function freshCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-docs-'));
  copies.push(dir);
  for (const entry of fs.readdirSync(root)) {
    if (SKIP.has(entry) || /^test-results.*\.json$/.test(entry)) continue;
    fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // What `npm ci` does after installing (the `prepare` script): the CLI's JavaScript under dist/node/.
  const prepared = spawnSync(process.execPath, ['connectors/cli/build-node.js'], { cwd: dir, encoding: 'utf8' });
  if (prepared.status !== 0) throw new Error(`build-node failed in the copy:\n${prepared.stderr}`);
  return dir;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The environment of a new shell: none of the developer's InScope, helpdesk or port settings. */
function cleanEnv(port: number): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([key]) => !/^(ZENDESK_|INSCOPE_|JIRA_|FORGE_|DATABASE_URL$|PORT$|HOST$|npm_)/.test(key));
  return { ...Object.fromEntries(kept), PORT: String(port), HOST: '127.0.0.1' };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops what the block left running (its process group): SIGTERM, then SIGKILL if it lingers. */
async function stopGroup(pid: number): Promise<void> {
  if (!groupAlive(pid)) return;
  process.kill(-pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
  if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
}

async function runBlock(block: ShellBlock, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  // -e and pipefail: a failing command fails the block, as it would stop a reader.
  const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', block.code], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), BLOCK_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  await stopGroup(child.pid!);
  return { code, output };
}

describe('the documented shell blocks', () => {
  it('are each marked runnable (run below) or manual (needs an account or tool a test does not have)', () => {
    const unmarked = blocks.filter((b) => !b.marks.includes('runnable') && !b.marks.includes('manual')).map((b) => `${b.file}:${b.line}`);
    expect(unmarked, 'mark each ```sh block "runnable" (the docs test runs it as written) or "manual"').toEqual([]);
    expect(runnable.length).toBeGreaterThanOrEqual(10);
  });

  it('say which Node version the project needs, the one package.json requires', () => {
    const engines = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const version = /^>=(\d+\.\d+)$/.exec(engines)?.[1];
    expect(version).toBeDefined();
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(`Node.js ${version} or later`);
  });
});

describe.each(byFile)('%s, run as written', (file, fileBlocks) => {
  let cwd: string;
  let env: NodeJS.ProcessEnv;

  it.each(fileBlocks.map((b) => [b.line, b] as const))(`the block at ${file}:%i exits 0`, async (_line, block) => {
    cwd ??= freshCopy();
    env ??= cleanEnv(await freePort());
    const { code, output } = await runBlock(block, cwd, env);
    expect(code, `${block.file}:${block.line}\n${block.code}\n--- output ---\n${output}`).toBe(0);
    // The README's webhook demo: the signed delivery was accepted, not merely answered.
    if (block.code.includes('/webhooks/zendesk')) expect(output).toContain('{"status":"accepted"}');
  }, BLOCK_TIMEOUT_MS + 20_000);
});
