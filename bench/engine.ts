// bench/engine: InScope's triage against json-rules-engine evaluating the same rule set (the
// phrase-list rules of bench/fixtures/phrase-rules.yaml, examples/coverage.yaml as it was before the
// built-in request kinds, translated mechanically) over the same 10,000 tickets. Prints evaluations
// per second for both and the ratio; target ≥ 100×. Then InScope alone on the configs that read the
// built-in request kinds (the starter config `inscope init` writes, examples/coverage.yaml): the
// kinds have no json-rules-engine counterpart, so their cost is shown per ticket.
//
// The comparison favours json-rules-engine: it is handed the resolved facts (product, version…)
// and the contract state ready-made, computed outside its timing; it normalises the text itself
// (a dynamic fact), as any engine matching without case and accents must. InScope's timing
// includes fact extraction, contract resolution, text matching, all rules and the verdict.
import { Engine as JsonRulesEngine, type TopLevelCondition, type NestedCondition } from 'json-rules-engine';
import path from 'node:path';
import { compileRules, normalizeText, type Condition, type Outcome, type RulesConfig, type Verdict, type WorkItem } from '../rules/index.js';
import { loadConfig, parseConfig } from '../connectors/config/load-config.js';
import { initConfig } from '../connectors/cli/commands/init.js';
import { zendeskTicketToWorkItem } from '../connectors/zendesk/to-domain.js';
import { createRandom, generateContracts, generateTicket, LONG_TEXT, type TextLength } from './generate-tickets.js';

const TICKETS = 10_000;
const ORGANIZATIONS = 200;

type Facts = Record<string, unknown>;

function scopeKey(scope: string | undefined): string {
  return scope ?? 'both';
}

/** One InScope condition as a json-rules-engine condition over ready-made facts. */
function translate(c: Condition): NestedCondition {
  if ('all' in c) return { all: c.all.map(translate) };
  if ('any' in c) return { any: c.any.map(translate) };
  if ('not' in c) return { not: translate(c.not) };
  if ('fact' in c) {
    const fact = `fact:${c.fact}`;
    if (c.present !== undefined) return { fact, operator: 'present', value: c.present };
    if (c.equals !== undefined) return { fact, operator: 'equalNorm', value: normalizeText(c.equals) };
    if (c.in !== undefined) return { fact, operator: 'inNorm', value: c.in.map(normalizeText) };
    if (c.matches !== undefined) return { fact, operator: 'matchesRegex', value: c.matches };
    return { fact, operator: 'minWords', value: c.minWords ?? 0 };
  }
  if ('text' in c) {
    const key = scopeKey(c.text.in);
    const any: NestedCondition[] = [];
    const phrases = [...(c.text.phrases ?? []), ...(c.text.words ?? [])].map(normalizeText);
    if (phrases.length) any.push({ fact: `padded:${key}`, operator: 'hasPhrase', value: phrases });
    if (c.text.regex) any.push({ fact: `raw:${key}`, operator: 'matchesRegex', value: c.text.regex });
    return { any };
  }
  if ('tags' in c) {
    const all: NestedCondition[] = [];
    if (c.tags.any) all.push({ fact: 'tags', operator: 'tagsAny', value: c.tags.any });
    if (c.tags.all) all.push({ fact: 'tags', operator: 'tagsAll', value: c.tags.all });
    if (c.tags.none) all.push({ not: { fact: 'tags', operator: 'tagsAny', value: c.tags.none } });
    return { all };
  }
  if ('attachments' in c) return { fact: 'attachments', operator: 'attachmentsMin', value: { min: c.attachments.min, types: c.attachments.types ?? [] } };
  if ('contract' in c) return { fact: 'contractState', operator: 'in', value: Array.isArray(c.contract) ? c.contract : [c.contract] };
  if ('contractLevel' in c) return { fact: 'contractLevel', operator: 'in', value: c.contractLevel };
  // The benchmark's rules (bench/fixtures/phrase-rules.yaml) use neither request kinds nor named conditions.
  throw new Error(`bench: no json-rules-engine translation for ${JSON.stringify(c)}`);
}

function createJsonRulesEngine(config: RulesConfig): JsonRulesEngine {
  const engine = new JsonRulesEngine([], { allowUndefinedFacts: true });
  const regexes = new Map<string, RegExp>();
  const regex = (p: string) => regexes.get(p) ?? regexes.set(p, new RegExp(p, 'iu')).get(p)!;
  engine.addOperator('present', (v: unknown, want: boolean) => (v !== undefined && v !== null && v !== '') === want);
  engine.addOperator('equalNorm', (v: unknown, want: string) => typeof v === 'string' && normalizeText(v) === want);
  engine.addOperator('inNorm', (v: unknown, want: string[]) => typeof v === 'string' && want.includes(normalizeText(v)));
  engine.addOperator('matchesRegex', (v: unknown, p: string) => typeof v === 'string' && regex(p).test(v));
  engine.addOperator('minWords', (v: unknown, n: number) => typeof v === 'string' && normalizeText(v).split(' ').filter(Boolean).length >= n);
  engine.addOperator('hasPhrase', (v: unknown, phrases: string[]) => typeof v === 'string' && phrases.some((p) => v.includes(` ${p} `)));
  engine.addOperator('tagsAny', (v: unknown, tags: string[]) => Array.isArray(v) && tags.some((t) => v.includes(t)));
  engine.addOperator('tagsAll', (v: unknown, tags: string[]) => Array.isArray(v) && tags.every((t) => v.includes(t)));
  engine.addOperator('attachmentsMin', (v: unknown, want: { min: number; types: string[] }) => {
    const files = (v as { filename: string; contentType?: string }[]).filter(
      (a) => want.types.length === 0 || want.types.some((t) => (t.endsWith('/') ? (a.contentType ?? '').startsWith(t) : a.filename.toLowerCase().endsWith(`.${t}`))),
    );
    return files.length >= want.min;
  });

  // Normalised text is a dynamic fact, computed (once per run, cached by the almanac) inside
  // json-rules-engine's timing: matching without case and accents needs it, as InScope does.
  for (const scope of ['subject', 'description', 'both']) {
    engine.addFact(`padded:${scope}`, async (_params, almanac) => ` ${normalizeText((await almanac.factValue(`raw:${scope}`)) as string)} `);
  }

  const total = config.completeness.length + config.coverage.length;
  config.completeness.forEach((rule, i) => {
    const failing: NestedCondition = { not: translate(rule.require) };
    const conditions: TopLevelCondition = rule.when ? { all: [translate(rule.when), failing] } : { all: [failing] };
    engine.addRule({ name: rule.id, priority: total - i, conditions, event: { type: 'missing', params: { id: rule.id } } });
  });
  config.coverage.forEach((rule, i) => {
    engine.addRule({
      name: rule.id,
      priority: config.coverage.length - i,
      conditions: { all: [translate(rule.when)] },
      event: { type: 'coverage', params: { id: rule.id, verdict: rule.verdict, order: i } },
    });
  });
  return engine;
}

/** Everything json-rules-engine is handed, prepared outside its timing. */
function prepareFacts(item: WorkItem, verdict: Verdict): Facts {
  const facts: Facts = {
    tags: item.tags,
    attachments: item.attachments,
    contractState: verdict.contract?.state ?? 'none',
    contractLevel: verdict.contract?.level,
  };
  const texts = { subject: item.subject, description: item.description, both: `${item.subject}\n${item.description}` };
  for (const [key, text] of Object.entries(texts)) facts[`raw:${key}`] = text;
  const builtins: Record<string, unknown> = {
    subject: item.subject,
    description: item.description,
    form: item.form,
    priority: item.priority,
    channel: item.channel,
    organization: item.organizationName ?? item.organizationId,
    requesterDomain: item.requesterEmail?.split('@')[1],
  };
  for (const [k, v] of Object.entries({ ...builtins, ...item.fields })) facts[`fact:${k}`] = v;
  for (const [k, v] of Object.entries(verdict.facts)) facts[`fact:${k}`] = v.value;
  return facts;
}

async function runJsonRulesEngine(engine: JsonRulesEngine, facts: Facts): Promise<Outcome> {
  const { events } = await engine.run(facts);
  if (events.some((e) => e.type === 'missing')) return 'incomplete';
  const first = events.filter((e) => e.type === 'coverage').sort((a, b) => (a.params!.order as number) - (b.params!.order as number))[0];
  return first ? (first.params!.verdict as Outcome) : 'review';
}

interface EngineRun {
  readonly label: string;
  readonly inscopePerSecond: number;
  readonly jrePerSecond: number;
  readonly ratio: number;
}

// CPU time (user + system) of this process, not wall time: on a shared machine other processes
// stretch wall time, and they would stretch the two engines' runs differently.
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs a whole pass again and again for at least two seconds (and three passes); the best pass counts. */
async function bestPass(pass: () => unknown): Promise<{ bestMs: number; passes: number }> {
  let bestMs = Infinity;
  let passes = 0;
  const deadline = performance.now() + 2000;
  while (passes < 3 || performance.now() < deadline) {
    const t0 = cpuMs();
    await pass();
    bestMs = Math.min(bestMs, cpuMs() - t0);
    passes++;
  }
  return { bestMs, passes };
}

/** The same 10,000 tickets for every measurement of one length (the seed is fixed). */
function benchItems(length: TextLength, fields: Readonly<Record<string, string | number>>): WorkItem[] {
  const random = createRandom(42);
  return Array.from({ length: TICKETS }, (_, i) => zendeskTicketToWorkItem(generateTicket(i, random, ORGANIZATIONS, length) as never, { fields }));
}

async function measure(label: string, length: TextLength, config: RulesConfig, configHash: string, fields: Readonly<Record<string, string | number>>): Promise<EngineRun> {
  const items = benchItems(length, fields);
  const averageLength = Math.round(items.reduce((n, item) => n + item.description.length, 0) / items.length);

  const inscope = compileRules(config, { configHash });
  const verdicts = items.map((item) => inscope.triage(item));

  // InScope: the verdicts above were its warm-up. json-rules-engine: its warm-up is the pass that
  // checks both engines agree. Then both get the same timing: best of at least three passes.
  const inscopeRun = await bestPass(() => {
    for (const item of items) inscope.triage(item);
  });
  const inscopePerSecond = (TICKETS / inscopeRun.bestMs) * 1000;

  const jre = createJsonRulesEngine(config);
  const facts = items.map((item, i) => prepareFacts(item, verdicts[i]!));
  let agree = 0;
  for (let i = 0; i < items.length; i++) {
    if ((await runJsonRulesEngine(jre, facts[i]!)) === verdicts[i]!.outcome) agree++;
  }
  const jreRun = await bestPass(async () => {
    for (const f of facts) await runJsonRulesEngine(jre, f);
  });
  const jrePerSecond = (TICKETS / jreRun.bestMs) * 1000;
  const ratio = inscopePerSecond / jrePerSecond;

  const counts: Record<string, number> = {};
  for (const v of verdicts) counts[v.outcome] = (counts[v.outcome] ?? 0) + 1;
  console.log(`  ${label}: descriptions of ${averageLength} characters on average; outcomes ${JSON.stringify(counts)}`);
  console.log(`    same outcome from both engines: ${agree} of ${TICKETS}`);
  console.log(`    InScope            ${Math.round(inscopePerSecond).toLocaleString('en')} evaluations/s (best of ${inscopeRun.passes} passes)`);
  console.log(`    json-rules-engine  ${Math.round(jrePerSecond).toLocaleString('en')} evaluations/s (best of ${jreRun.passes} passes)`);
  console.log(`    ratio              ${ratio.toFixed(1)}×  (target ≥ 100×) ${ratio >= 100 ? 'MET' : 'NOT MET'}`);
  return { label, inscopePerSecond, jrePerSecond, ratio };
}

/** InScope alone: evaluations per second and microseconds per ticket, best pass of CPU time. */
async function measureAlone(label: string, length: TextLength, config: RulesConfig, configHash: string, fields: Readonly<Record<string, string | number>>): Promise<number> {
  const items = benchItems(length, fields);
  const inscope = compileRules(config, { configHash });
  for (const item of items) inscope.triage(item);
  const run = await bestPass(() => {
    for (const item of items) inscope.triage(item);
  });
  const perSecond = (TICKETS / run.bestMs) * 1000;
  console.log(`    ${label.padEnd(28)} ${Math.round(perSecond).toLocaleString('en')} evaluations/s, ${((run.bestMs * 1000) / TICKETS).toFixed(1)} µs per ticket (best of ${run.passes} passes)`);
  return perSecond;
}

export async function benchEngine(): Promise<EngineRun[]> {
  const root = path.join(import.meta.dirname, '..');
  const loaded = await loadConfig(path.join(root, 'bench', 'fixtures', 'phrase-rules.yaml'));
  const contracts = generateContracts(ORGANIZATIONS, createRandom(41));
  const config = { ...loaded.config, contracts };
  const fields = loaded.config.helpdesks?.zendesk?.fields ?? {};
  console.log(`bench/engine: ${TICKETS} tickets, ${ORGANIZATIONS} contracts, ${config.completeness.length + config.coverage.length} rules of bench/fixtures/phrase-rules.yaml`);
  // Text length drives the cost of matching phrases anywhere in a ticket, so both ends are shown.
  const runs = [
    await measure('typical e-mail (0.2–0.6 KB)', { min: 200, max: 600 }, config, loaded.hash, fields),
    await measure('long (1–3 KB)', LONG_TEXT, config, loaded.hash, fields),
  ];
  const starter = parseConfig(initConfig({
    products: path.join(root, 'examples', 'products.yaml'),
    contracts: path.join(root, 'examples', 'contracts.csv'),
    vendor: 'Veldhuis Software B.V.',
    rate: '135',
  }), 'starter config');
  const example = await loadConfig(path.join(root, 'examples', 'coverage.yaml'));
  for (const [name, kinds] of [['the starter config (inscope init)', starter], ['examples/coverage.yaml', example]] as const) {
    console.log(`  InScope alone with built-in request kinds and facts, ${name}:`);
    for (const [label, length] of [['typical e-mail (0.2–0.6 KB)', { min: 200, max: 600 }], ['long (1–3 KB)', LONG_TEXT]] as const) {
      await measureAlone(label, length, { ...kinds.config, contracts }, kinds.hash, fields);
    }
  }
  return runs;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEngine();
