// The verdict: a badge and the reasons in plain words. Rule ids are the administrator's words, not
// the agent's: they stay in a data attribute (the status page and `inscope decisions` show them).
// What is missing is listed once, under Completeness.
import { h } from 'preact';
import { estimateBasis } from '../../rules/messages.js';
import { formatNumber } from './format.js';
import type { PanelLocale, Translate } from './labels.js';
import type { SidebarData } from './sidebar-data.js';
import { badgeFor, hasNoProposal } from './verdict-badge.js';

export interface VerdictSectionProps {
  readonly data: SidebarData;
  readonly t: Translate;
  readonly locale: PanelLocale;
}

export function VerdictSection({ data, t, locale }: VerdictSectionProps) {
  const badge = badgeFor(data, data.proposal?.state);
  const { verdict } = data;
  // An incomplete verdict's reasons are its missing items, which the checklist lists already.
  const missing = new Set(verdict.missing.map((m) => m.text[locale]));
  const reasons = verdict.reasons.map((r) => r[locale]).filter((r) => !missing.has(r));
  if (reasons.length === 0 && missing.size > 0) reasons.push(t('verdict.missing'));
  // With a model's hour estimator: what the draft's hours are based on.
  const estimate = verdict.proposal?.estimate;
  return h(
    'section',
    { class: 'section', 'aria-labelledby': 'inscope-verdict', 'data-rule': verdict.rule ?? '' },
    h('h2', { id: 'inscope-verdict', class: 'section__title' }, t('verdict.heading')),
    h('span', { class: `tag tag--${badge.tone}`, 'data-testid': 'verdict-badge', 'data-outcome': verdict.outcome }, t(badge.label)),
    reasons.length > 0 ? h('ul', { class: 'reasons' }, reasons.map((reason, i) => h('li', { key: i }, reason))) : null,
    verdict.rule ? null : h('p', { class: 'hint' }, t('verdict.noRule')),
    hasNoProposal(data) ? h('p', { class: 'hint', 'data-testid': 'no-proposal' }, t('verdict.noProposal')) : null,
    estimate ? h('p', { class: 'hint', 'data-testid': 'hours-basis' }, t('verdict.estimate', { hours: formatNumber(estimate.hours, locale), basis: estimateBasis(estimate)[locale] })) : null,
    data.shadow ? h('p', { class: 'notice notice--info', role: 'note' }, t('verdict.shadow')) : null,
  );
}
