// The completeness checklist: the facts InScope found in the ticket, and the items still missing.
import { h } from 'preact';
import type { PanelLocale, Translate } from './labels.js';
import type { SidebarData } from './sidebar-data.js';

export interface ChecklistSectionProps {
  readonly data: SidebarData;
  readonly t: Translate;
  readonly locale: PanelLocale;
}

export function ChecklistSection({ data, t, locale }: ChecklistSectionProps) {
  const facts = Object.entries(data.verdict.facts);
  const { missing } = data.verdict;
  const empty = facts.length === 0 && missing.length === 0;
  return h(
    'section',
    { class: 'section', 'aria-labelledby': 'inscope-checklist' },
    h('h2', { id: 'inscope-checklist', class: 'section__title' }, t('checklist.heading')),
    empty
      ? h('p', { class: 'hint' }, t('checklist.empty'))
      : h(
          'ul',
          { class: 'checklist', 'data-testid': 'checklist' },
          facts.map(([name, fact]) =>
            h(
              'li',
              { key: `f-${name}`, class: 'checklist__item checklist__item--present', title: fact.source },
              h('span', { class: 'checklist__mark', 'aria-hidden': 'true' }, '✓'),
              h('span', { class: 'sr-only' }, `${t('checklist.present')}: `),
              h('span', { class: 'checklist__name' }, name),
              h('span', { class: 'checklist__value' }, fact.value),
            ),
          ),
          missing.map((item) =>
            h(
              'li',
              { key: `m-${item.id}`, class: 'checklist__item checklist__item--missing', title: item.id, 'data-missing': item.id },
              h('span', { class: 'checklist__mark', 'aria-hidden': 'true' }, '✗'),
              h('span', { class: 'sr-only' }, `${t('checklist.missing')}: `),
              h('span', { class: 'checklist__name' }, item.text[locale]),
            ),
          ),
        ),
  );
}
