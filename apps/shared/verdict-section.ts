// The verdict: a badge, the reasons in plain words, and the deciding rule's id on hover.
import { h } from 'preact';
import type { PanelLocale, Translate } from './labels.js';
import type { SidebarData } from './sidebar-data.js';
import { badgeFor } from './verdict-badge.js';

export interface VerdictSectionProps {
  readonly data: SidebarData;
  readonly t: Translate;
  readonly locale: PanelLocale;
}

export function VerdictSection({ data, t, locale }: VerdictSectionProps) {
  const badge = badgeFor(data, data.proposal?.state);
  const { verdict } = data;
  const ruleText = verdict.rule ? t('verdict.rule', { rule: verdict.rule }) : t('verdict.noRule');
  return h(
    'section',
    { class: 'section', 'aria-labelledby': 'inscope-verdict' },
    h('h2', { id: 'inscope-verdict', class: 'section__title' }, t('verdict.heading')),
    h('span', { class: `tag tag--${badge.tone}`, 'data-testid': 'verdict-badge', 'data-outcome': verdict.outcome, title: ruleText }, t(badge.label)),
    verdict.reasons.length > 0
      ? h(
          'ul',
          { class: 'reasons' },
          verdict.reasons.map((reason, i) => h('li', { key: i, title: ruleText }, reason[locale])),
        )
      : null,
    h('p', { class: 'hint' }, ruleText),
    data.shadow ? h('p', { class: 'notice notice--info', role: 'note' }, t('verdict.shadow')) : null,
  );
}
