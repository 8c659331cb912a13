import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMetrics, withLabels } from '../../connectors/server/create-metrics.js';
import { readSettings } from '../../connectors/server/read-settings.js';
import { startService } from '../../connectors/server/start-service.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('createMetrics', () => {
  it('keeps each name\'s gauge series together under one HELP and TYPE, whichever reader added them', async () => {
    const metrics = createMetrics();
    withLabels(metrics, { tenant: 'acme' }).gauge('inscope_queue_depth', 'Jobs in the queue by state.', () => ({ queued: 1 }));
    metrics.gauge('inscope_other', 'Another gauge.', () => ({ x: 2 }));
    withLabels(metrics, { tenant: 'bolt' }).gauge('inscope_queue_depth', 'Jobs in the queue by state.', () => ({ queued: 3 }));
    const text = await metrics.render();
    expect(text).toContain('# TYPE inscope_queue_depth gauge\ninscope_queue_depth{tenant="acme",state="queued"} 1\ninscope_queue_depth{tenant="bolt",state="queued"} 3\n');
    expect(text.match(/# TYPE inscope_queue_depth/g)).toHaveLength(1);
  });

  it('leaves out the series of a reader that fails (one tenant\'s database down) and says so, instead of failing the scrape', async () => {
    const metrics = createMetrics();
    withLabels(metrics, { tenant: 'acme' }).gauge('inscope_queue_depth', 'Jobs in the queue by state.', () => Promise.reject(new Error('connection refused')));
    withLabels(metrics, { tenant: 'bolt' }).gauge('inscope_queue_depth', 'Jobs in the queue by state.', () => ({ queued: 3 }));
    withLabels(metrics, { tenant: 'bolt' }).inc('inscope_jobs_total', { result: 'done' });
    const text = await metrics.render();
    expect(text).toContain('inscope_queue_depth{tenant="bolt",state="queued"} 3');
    expect(text).not.toContain('tenant="acme",state=');
    expect(text).toContain('inscope_metric_read_failures{tenant="acme"} 1');
    expect(text).toContain('inscope_jobs_total{tenant="bolt",result="done"} 1');
  });
});

describe('GET /metrics', () => {
  it('serves InScope\'s series under their names beside the Node process metrics, in the text format', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-metrics-'));
    const service = await startService({
      settings: readSettings({ PORT: '0', HOST: '127.0.0.1', INSCOPE_CONFIG: path.join(root, 'examples/coverage.yaml'), DATABASE_URL: path.join(dir, 'inscope.db'), ZENDESK_WEBHOOK_SECRET: 'secret-for-tests' }),
      startWorkers: false, sweepMs: 0, log: () => {},
    });
    try {
      // A delivery without the signature headers: refused, and counted under its rejection reason.
      expect((await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);
      const response = await fetch(`${service.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toContain('# TYPE inscope_queue_depth gauge\ninscope_queue_depth{state="queued"} 0\n');
      expect(text).toMatch(/^# TYPE inscope_deliveries_total counter\ninscope_deliveries_total\{helpdesk="zendesk",result="[a-z_]+"\} 1$/m);
      for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_gc_duration_seconds', 'nodejs_active_handles_total']) {
        expect(text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
      }
      // Every sample line is `name{labels} value`, and every name is described once.
      const types = text.match(/^# TYPE \S+/gm)!;
      expect(new Set(types).size).toBe(types.length);
      for (const line of text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) expect(line).toMatch(/^[a-z_:][a-z0-9_:]*(\{[^}]*\})? -?[0-9.e+-]+$|^[a-z_:][a-z0-9_:]*(\{[^}]*\})? (NaN|[+-]Inf)$/i);
    } finally {
      await service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
