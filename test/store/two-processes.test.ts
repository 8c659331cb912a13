import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeStores } from './store-backends.js';
import { delivery } from './temp-store.js';

const worker = fileURLToPath(new URL('./claim-worker.ts', import.meta.url));

function startWorker(databaseUrl: string, id: string): { child: ChildProcessWithoutNullStreams; ready: Promise<void>; result: Promise<number[]> } {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, databaseUrl, id], { cwd: process.cwd() });
  let out = '';
  let err = '';
  let onReady = (): void => {};
  const ready = new Promise<void>((resolve) => { onReady = resolve; });
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  const result = new Promise<number[]>((resolve, reject) => {
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out.slice('ready\n'.length)) as number[]);
      else reject(new Error(`worker ${id} exited with ${code}: ${err}`));
    });
  });
  return { child, ready, result };
}

describeStores('two processes on one database', (stores) => {

  it('hand every job to exactly one of them while claiming at the same time', { timeout: 60_000 }, async () => {
    const store = await stores.open();
    const tickets = Array.from({ length: 120 }, (_, i) => String(9_000 + i));
    await Promise.all(tickets.map((ticket) => store.recordDelivery(delivery(ticket, { receivedAt: 0 }))));
    const workers = ['p1', 'p2'].map((id) => startWorker(stores.url(), id));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin.end('go\n');
    const handled = await Promise.all(workers.map((w) => w.result));
    expect(handled.flat()).toHaveLength(120);
    expect(new Set(handled.flat()).size).toBe(120);
    expect(await store.queueDepth()).toEqual({ queued: 0, running: 0, done: 120, dead: 0 });
  });
});
