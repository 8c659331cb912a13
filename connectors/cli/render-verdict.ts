// A verdict and its trace in words, for `inscope triage`: what was decided, by which rule, and
// what every condition saw, so a manager can read why.
import { estimateBasis, isAdvisoryWithoutProposal, type ConditionTrace, type Locale, type Verdict, type WorkItem } from '../../rules/index.js';

function renderCondition(c: ConditionTrace, depth: number, out: string[]): void {
  const saw = c.saw !== undefined ? `  (saw ${c.saw})` : '';
  out.push(`${'  '.repeat(depth)}${c.passed ? '✓' : '✗'} ${c.describe}${saw}`);
  for (const child of c.children ?? []) renderCondition(child, depth + 1, out);
}

export function renderVerdict(item: WorkItem, verdict: Verdict, source: string, locale: Locale): string {
  const out: string[] = [];
  out.push(`Ticket ${item.id}  ${item.subject}`);
  out.push(`  from      ${source}`);
  out.push(`  outcome   ${verdict.outcome.toUpperCase()}  → category ${verdict.category}, status ${verdict.status}`);
  out.push(`  rule      ${verdict.rule ?? '(none decided)'}`);
  for (const reason of verdict.reasons) out.push(`  reason    ${reason[locale]}`);
  if (verdict.missing.length > 0) {
    out.push('  missing');
    for (const m of verdict.missing) out.push(`    - ${m.text[locale]}  [${m.id}]`);
  }
  const c = verdict.contract;
  out.push(c ? `  contract  ${c.id} ${c.name} (${c.level}, ${c.state}; ${c.validFrom} .. ${c.validUntil ?? 'open'} ${c.timeZone}; matched by ${c.matchedBy})` : '  contract  none found');
  if (isAdvisoryWithoutProposal(verdict)) {
    out.push(`  proposal  none sent (rule ${verdict.rule ?? '-'} has proposal: none): the customer gets the reason; an agent can make one by hand`);
  } else if (verdict.proposal) {
    const p = verdict.proposal;
    out.push(`  proposal  ${p.hours} h × ${p.hourlyRate.toFixed(2)} ${p.currency} = ${p.amount.toFixed(2)} ${p.currency}${p.estimate ? `; hours ${estimateBasis(p.estimate)[locale]}` : ''}`);
  }
  const facts = Object.entries(verdict.facts);
  out.push(`  facts     ${facts.length ? facts.map(([k, f]) => `${k}=${f.value} (${f.source})`).join(', ') : '(none)'}`);

  const trace = verdict.trace;
  out.push('', `Trace (config ${trace.configHash}, decided by ${trace.decidedBy ?? 'no rule'})`);
  out.push(`  contract: ${trace.contract}`);
  let phase = '';
  for (const rule of trace.rules) {
    if (rule.phase !== phase) {
      phase = rule.phase;
      out.push(`  ${phase}`);
    }
    const mark = rule.decided ? '  ← decided' : '';
    out.push(`    ${rule.passed ? '✓' : '✗'} ${rule.ruleId}${mark}`);
    if (rule.condition) renderCondition(rule.condition, 3, out);
  }
  return out.join('\n') + '\n';
}
