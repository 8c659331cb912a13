import { describe, expect, it } from 'vitest';
import { createMetrics, withLabels } from '../../connectors/server/create-metrics.js';

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
