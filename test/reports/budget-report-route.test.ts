// GET /reports/budget through the real service: the HTML statement for the operator token only,
// a clear 400 for a bad month, and the CSP that keeps the page script-free.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService, type Service } from '../../connectors/server/start-service.js';
import { seedBudgetStore } from './seed-budget-store.js';

const root = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'operator-token-for-tests';
let service: Service;
let dir: string;

beforeAll(async () => {
  const seeded = await seedBudgetStore();
  dir = seeded.dir;
  await seeded.store.close();
  service = await startService({
    settings: readSettings({
      PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: path.join(root, 'examples/coverage.yaml'), DATABASE_URL: seeded.databaseUrl, INSCOPE_ADMIN_TOKEN: TOKEN,
    }),
    startWorkers: false,
    sweepMs: 0,
  });
});
afterAll(async () => {
  await service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (query: string, token?: string) => fetch(`${service.url}/reports/budget${query}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

describe('GET /reports/budget', () => {
  it('serves the month as HTML with one chart per organization to the operator token', async () => {
    const res = await get('?month=2026-11', TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(5);
    expect(html).toContain('Northwind &lt;Traders&gt; &amp; &quot;Co&quot;');
  });

  it('filters on one organization', async () => {
    const html = await (await get('?month=2026-11&org=9001', TOKEN)).text();
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(1);
    expect(html).toContain('Bakkerij Jansen B.V.');
  });

  it.each([[undefined], ['wrong-token']])('refuses a request with token %s', async (token) => {
    const res = await get('?month=2026-11', token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.text()).not.toContain('Bakkerij');
  });

  it.each([[''], ['?month=2026-1'], ['?month=2026-11-01']])('answers 400 for the month in %j', async (query) => {
    const res = await get(query, TOKEN);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_month' } });
  });

  it('ends the page with quoted versus actual over the months from since', async () => {
    const html = await (await get('?month=2026-11&since=2026-10', TOKEN)).text();
    expect(html).toContain('<h2 id="actuals-title">Quoted versus actual, 2026-10 to 2026-11</h2>');
    // Three accepted proposals, none with logged time yet: counted, no ratio.
    expect(html).toMatch(/<tfoot><tr class="total"><th scope="row">total<\/th><td>3<\/td><td>0<\/td><td>0<\/td><td>0 h<\/td><td>0 h<\/td><td>-<\/td><\/tr><\/tfoot>/);
  });

  it.each([['2026-12'], ['2016-10'], ['last-year']])('answers 400 for since=%s', async (since) => {
    const res = await get(`?month=2026-11&since=${since}`, TOKEN);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_since' } });
  });
});
