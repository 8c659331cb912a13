// The organization's budget this month as a stacked meter: committed, pending, and what a proposal
// for this ticket would add, against the cap (in money when the cap has an amount, else in hours).
// In shadow mode the connector counts the proposals it made as committed, and the meter says so.
import { h } from 'preact';
import { formatMoney, formatNumber } from './format.js';
import type { PanelLocale, Translate } from './labels.js';
import type { BudgetSnapshot } from './sidebar-data.js';

export interface BudgetMeterProps {
  readonly budget: BudgetSnapshot | null;
  /** The proposal this ticket would add (hours and money), if any. */
  readonly proposal: { readonly hours: number; readonly amount: number } | null;
  readonly t: Translate;
  readonly locale: PanelLocale;
}

function percent(part: number, whole: number): string {
  return `${Math.max(0, Math.min(100, (part / whole) * 100)).toFixed(1)}%`;
}

export function BudgetMeter({ budget, proposal, t, locale }: BudgetMeterProps) {
  const heading = h('h2', { id: 'inscope-budget', class: 'section__title' }, t('budget.heading'));
  const cap = budget ? (budget.cap.amount ?? budget.cap.hours) : undefined;
  if (!budget || cap === undefined || cap <= 0) {
    return h('section', { class: 'section', 'aria-labelledby': 'inscope-budget' }, heading, h('p', { class: 'hint', 'data-testid': 'budget-none' }, t('budget.none')));
  }
  const inMoney = budget.cap.amount !== undefined;
  const show = (value: number) => (inMoney ? formatMoney(value, budget.currency, locale) : `${formatNumber(value, locale)} h`);
  const extra = proposal ? (inMoney ? proposal.amount : proposal.hours) : 0;
  const used = budget.committed + budget.pending;
  const over = used + extra - cap;
  const segments = [
    { key: 'committed', value: budget.committed, label: t(budget.shadow ? 'budget.committedShadow' : 'budget.committed') },
    { key: 'pending', value: budget.pending, label: t('budget.pending') },
    ...(extra > 0 ? [{ key: 'proposal', value: extra, label: t('budget.proposal') }] : []),
  ];
  const summary = t('budget.summary', { used: show(used), cap: show(cap) });
  return h(
    'section',
    { class: 'section', 'aria-labelledby': 'inscope-budget' },
    heading,
    h(
      'div',
      { class: 'meter', role: 'meter', 'aria-label': t('budget.heading'), 'aria-valuemin': 0, 'aria-valuemax': cap, 'aria-valuenow': Math.min(used, cap), 'aria-valuetext': summary, 'data-testid': 'budget-meter' },
      segments.map((s) => h('span', { key: s.key, class: `meter__bar meter__bar--${s.key}`, style: { width: percent(s.value, Math.max(cap, used + extra)) } })),
    ),
    h('p', { class: 'hint' }, summary),
    budget.shadow ? h('p', { class: 'hint', 'data-testid': 'budget-shadow' }, t('budget.shadow')) : null,
    h(
      'ul',
      { class: 'legend' },
      segments.map((s) => h('li', { key: s.key }, h('span', { class: `legend__swatch meter__bar--${s.key}`, 'aria-hidden': 'true' }), `${s.label}: ${show(s.value)}`)),
      h('li', null, `${t('budget.cap')}: ${show(cap)}`),
    ),
    over > 0 ? h('p', { class: 'notice notice--warning', 'data-testid': 'budget-over' }, t('budget.over', { over: show(over) })) : null,
  );
}
