// The status page, /metrics and the budget report show ticket ids, notes and money. Without
// INSCOPE_ADMIN_TOKEN they are served to loopback clients only, and a reverse proxy on the same host
// is a loopback client too: a request that carries any forwarding header came through a proxy on
// behalf of someone else, so it needs the token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';

const root = path.resolve(import.meta.dirname, '../..');
const ADMIN_TOKEN = 'admin-token-for-tests-5d1c';
let dir: string;
let open: Service;
let guarded: Service;

async function start(name: string, env: Record<string, string> = {}): Promise<Service> {
  return startService({
    settings: readSettings({ PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: path.join(root, 'examples/coverage.yaml'), DATABASE_URL: path.join(dir, `${name}.db`), ...env }),
    startWorkers: false,
    sweepMs: 0,
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-admin-'));
  open = await start('no-token');
  guarded = await start('token', { INSCOPE_ADMIN_TOKEN: ADMIN_TOKEN });
});
afterAll(async () => {
  await open?.close();
  await guarded?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const PAGES = ['/', '/metrics', '/reports/budget?month=2026-11'];
const PROXY_HEADERS: Record<string, string>[] = [
  { 'x-forwarded-for': '203.0.113.7' },
  { forwarded: 'for=203.0.113.7;proto=https' },
  { 'x-real-ip': '203.0.113.7' },
  { via: '1.1 nginx' },
  { 'x-forwarded-for': '127.0.0.1' },
];

describe('admin pages without INSCOPE_ADMIN_TOKEN', () => {
  it.each(PAGES)('serves %s to a loopback client that came straight in', async (page) => {
    expect((await fetch(`${open.url}${page}`)).status).toBe(200);
  });

  it.each(PAGES.flatMap((page) => PROXY_HEADERS.map((headers) => [page, headers] as const)))('refuses %s through a reverse proxy (%j): 401 admin_only', async (page, headers) => {
    const res = await fetch(`${open.url}${page}`, { headers });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'admin_only', message: expect.stringContaining('INSCOPE_ADMIN_TOKEN') } });
  });
});

describe('admin pages with INSCOPE_ADMIN_TOKEN', () => {
  it('serves them through a proxy to the bearer of the token, and to no one else', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    expect((await fetch(`${guarded.url}/metrics`, { headers: { ...headers, authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${guarded.url}/metrics`, { headers })).status).toBe(401);
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
  });
});
