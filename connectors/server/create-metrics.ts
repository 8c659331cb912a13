// A small Prometheus registry (counters, a histogram, gauges read at scrape time): the handful of
// series operators need does not justify a dependency.

type Labels = Readonly<Record<string, string>>;

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

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

const HELP: Record<string, string> = {
  inscope_deliveries_total: 'Webhook deliveries by helpdesk and result (accepted, duplicate, or the rejection reason).',
  inscope_verdicts_total: 'Decisions by outcome and plan kind (decision, guard, noop).',
  inscope_jobs_total: 'Finished jobs by result (done, retry, dead).',
  inscope_api_calls_total: 'Helpdesk API calls by method and status.',
  inscope_job_latency_seconds: 'Time from the first delivery of a job to its completion.',
};

export function createMetrics(): Metrics {
  const counters = new Map<string, Map<string, number>>();
  const histograms = new Map<string, Map<string, { buckets: number[]; sum: number; count: number }>>();
  const gauges: { name: string; help: string; read: () => Promise<Record<string, number>> | Record<string, number>; label: string; fixed: Labels }[] = [];
  return {
    inc(name, labels = {}, by = 1) {
      const series = counters.get(name) ?? counters.set(name, new Map()).get(name)!;
      const key = labelText(labels);
      series.set(key, (series.get(key) ?? 0) + by);
    },
    observe(name, seconds, labels = {}) {
      const series = histograms.get(name) ?? histograms.set(name, new Map()).get(name)!;
      const key = labelText(labels);
      const h = series.get(key) ?? series.set(key, { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }).get(key)!;
      BUCKETS.forEach((b, i) => {
        if (seconds <= b) h.buckets[i]!++;
      });
      h.sum += seconds;
      h.count++;
    },
    gauge(name, help, read, label = 'state', fixed = {}) {
      gauges.push({ name, help, read, label, fixed });
    },
    async render() {
      const out: string[] = [];
      for (const [name, series] of counters) {
        out.push(`# HELP ${name} ${HELP[name] ?? name}`, `# TYPE ${name} counter`);
        for (const [labels, value] of series) out.push(`${name}${labels} ${value}`);
      }
      for (const [name, series] of histograms) {
        out.push(`# HELP ${name} ${HELP[name] ?? name}`, `# TYPE ${name} histogram`);
        for (const [labels, h] of series) {
          const inner = labels.slice(1, -1);
          const join = (extra: string) => `{${inner ? `${inner},` : ''}${extra}}`;
          BUCKETS.forEach((b, i) => out.push(`${name}_bucket${join(`le="${b}"`)} ${h.buckets[i]}`));
          out.push(`${name}_bucket${join('le="+Inf"')} ${h.count}`, `${name}_sum${labels} ${h.sum}`, `${name}_count${labels} ${h.count}`);
        }
      }
      // One HELP and TYPE per name and its series together, however many readers share it (the text format requires both).
      const described = new Set<string>();
      const failedReads: string[] = [];
      const byName = [...gauges].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const g of byName) {
        if (!described.has(g.name)) out.push(`# HELP ${g.name} ${g.help}`, `# TYPE ${g.name} gauge`);
        described.add(g.name);
        let values: Record<string, number>;
        try {
          values = await g.read();
        } catch {
          // One reader failing (a tenant's database down) leaves its series out, not the whole scrape.
          failedReads.push(labelText(g.fixed));
          continue;
        }
        for (const [k, v] of Object.entries(values)) out.push(`${g.name}${labelText({ ...g.fixed, [g.label]: k })} ${v}`);
      }
      if (failedReads.length > 0) {
        out.push('# HELP inscope_metric_read_failures Gauge readers that failed in this scrape (their series are missing).', '# TYPE inscope_metric_read_failures gauge');
        for (const labels of new Set(failedReads)) out.push(`inscope_metric_read_failures${labels} ${failedReads.filter((l) => l === labels).length}`);
      }
      return out.join('\n') + '\n';
    },
  };
}
