// The service's Prometheus metrics on prom-client: InScope's own series (the same names, labels and
// buckets as before) beside prom-client's default process metrics (CPU, memory, heap spaces, event
// loop lag, GC, open handles), which operators' dashboards expect from a Node service.
// https://github.com/siimon/prom-client#default-metrics
//
// Each service (and each test) gets a registry of its own for InScope's series; the process metrics
// are the process's, collected once into a registry of their own and appended at every scrape, so
// that several services in one process do not each start an event-loop monitor and a GC observer.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type Labels = Readonly<Record<string, string>>;

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export interface Metrics {
  inc(name: string, labels?: Labels, by?: number): void;
  observe(name: string, seconds: number, labels?: Labels): void;
  /** `fixed` labels go on every series of this reader (a tenant's queue beside another's under one name). */
  gauge(name: string, help: string, read: () => Promise<Record<string, number>> | Record<string, number>, label?: string, fixed?: Labels): void;
  render(): Promise<string>;
}

/** The same registry with `labels` added to every series written through it (one tenant's view). */
export function withLabels(metrics: Metrics, labels: Labels): Metrics {
  return {
    inc: (name, l = {}, by) => metrics.inc(name, { ...labels, ...l }, by),
    observe: (name, seconds, l = {}) => metrics.observe(name, seconds, { ...labels, ...l }),
    gauge: (name, help, read, label, fixed = {}) => metrics.gauge(name, help, read, label, { ...labels, ...fixed }),
    render: () => metrics.render(),
  };
}

/** prom-client fixes a metric's label names when it is made; `tenant` is on each, set or not. */
const SERIES: Record<string, { readonly help: string; readonly labels: readonly string[] }> = {
  inscope_deliveries_total: { help: 'Webhook deliveries by helpdesk and result (accepted, duplicate, or the rejection reason).', labels: ['helpdesk', 'result'] },
  inscope_verdicts_total: { help: 'Decisions by outcome and plan kind (decision, guard, noop).', labels: ['outcome', 'kind'] },
  inscope_jobs_total: { help: 'Finished jobs by result (done, retry, dead).', labels: ['result'] },
  inscope_api_calls_total: { help: 'Helpdesk API calls by method and status.', labels: ['method', 'status'] },
  inscope_store_errors_total: { help: 'Store errors in worker loops and the shared rate budget.', labels: [] },
  inscope_job_latency_seconds: { help: 'Time from the first delivery of a job to its completion.', labels: [] },
};

let processRegistry: Registry | null = null;

/** The process metrics, collected once per process. */
function processMetrics(): Registry {
  if (processRegistry === null) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

interface GaugeReader {
  readonly read: () => Promise<Record<string, number>> | Record<string, number>;
  readonly label: string;
  readonly fixed: Labels;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const counters = new Map<string, Counter>();
  const histograms = new Map<string, Histogram>();
  const gauges = new Map<string, { gauge: Gauge; readers: GaugeReader[] }>();
  let readFailures: Gauge | null = null;

  const labelNames = (name: string, labels: Labels) => [...new Set(['tenant', ...(SERIES[name]?.labels ?? []), ...Object.keys(labels)])];
  const help = (name: string) => SERIES[name]?.help ?? name;

  return {
    inc(name, labels = {}, by = 1) {
      let counter = counters.get(name);
      if (!counter) counters.set(name, (counter = new Counter({ name, help: help(name), labelNames: labelNames(name, labels), registers: [registry] })));
      counter.inc(labels, by);
    },
    observe(name, seconds, labels = {}) {
      let histogram = histograms.get(name);
      if (!histogram) histograms.set(name, (histogram = new Histogram({ name, help: help(name), labelNames: labelNames(name, labels), buckets: BUCKETS, registers: [registry] })));
      histogram.observe(labels, seconds);
    },
    gauge(name, helpText, read, label = 'state', fixed = {}) {
      let entry = gauges.get(name);
      if (!entry) {
        entry = { gauge: new Gauge({ name, help: helpText, labelNames: [...new Set(['tenant', label, ...Object.keys(fixed)])], registers: [registry] }), readers: [] };
        gauges.set(name, entry);
      }
      entry.readers.push({ read, label, fixed });
    },
    async render() {
      // Gauges are read at scrape time, one reader after another: a reader that fails (a tenant's
      // database down) leaves its series out and is counted, instead of failing the whole scrape.
      const failed = new Map<string, { labels: Labels; count: number }>();
      for (const { gauge, readers } of gauges.values()) {
        gauge.reset();
        for (const reader of readers) {
          let values: Record<string, number>;
          try {
            values = await reader.read();
          } catch {
            const key = JSON.stringify(reader.fixed);
            failed.set(key, { labels: reader.fixed, count: (failed.get(key)?.count ?? 0) + 1 });
            continue;
          }
          for (const [k, v] of Object.entries(values)) gauge.set({ ...reader.fixed, [reader.label]: k }, v);
        }
      }
      readFailures?.reset();
      if (failed.size > 0) {
        readFailures ??= new Gauge({
          name: 'inscope_metric_read_failures', help: 'Gauge readers that failed in this scrape (their series are missing).',
          labelNames: [...new Set([...failed.values()].flatMap((f) => Object.keys(f.labels)).concat('tenant'))], registers: [registry],
        });
        for (const { labels, count } of failed.values()) readFailures.set(labels, count);
      }
      const own = await registry.metrics();
      return `${own}${own === '' || own.endsWith('\n') ? '' : '\n'}${await processMetrics().metrics()}`;
    },
  };
}
