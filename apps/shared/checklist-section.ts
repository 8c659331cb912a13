// The completeness checklist: the facts InScope found in the ticket, and the items still missing,
// under names an agent reads ("Error text", not the config's `errorText`).
import { h } from 'preact';
import { PANEL_TRANSLATIONS, type LabelKey, type PanelLocale, type Translate } from './labels.js';
import type { SidebarData } from './sidebar-data.js';

export interface ChecklistSectionProps {
  readonly data: SidebarData;
  readonly t: Translate;
  readonly locale: PanelLocale;
}

/** The fact's label, else its name in words: a fact the config declares has no translation. */
export function factLabel(name: string, t: Translate): string {
  const key = `fact.${name}`;
  if (Object.hasOwn(PANEL_TRANSLATIONS.en, key)) return t(key as LabelKey);
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Values that are InScope's own codes (the request kind, the language) in words; others as found. */
function valueLabel(name: string, value: string, t: Translate): string {
  const key = `value.${name}.${value}`;
  return Object.hasOwn(PANEL_TRANSLATIONS.en, key) ? t(key as LabelKey) : value;
}

function sourceLabel(source: string, t: Translate): string {
  const key = `source.${source}`;
  return Object.hasOwn(PANEL_TRANSLATIONS.en, key) ? t(key as LabelKey) : source;
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
              { key: `f-${name}`, class: 'checklist__item checklist__item--present', title: sourceLabel(fact.source, t), 'data-fact': name },
              h('span', { class: 'checklist__mark', 'aria-hidden': 'true' }, '✓'),
              h('span', { class: 'sr-only' }, `${t('checklist.present')}: `),
              h('span', { class: 'checklist__name' }, factLabel(name, t)),
              h('span', { class: 'checklist__value' }, valueLabel(name, fact.value, t)),
            ),
          ),
          missing.map((item) =>
            h(
              'li',
              { key: `m-${item.id}`, class: 'checklist__item checklist__item--missing', 'data-missing': item.id },
              h('span', { class: 'checklist__mark', 'aria-hidden': 'true' }, '✗'),
              h('span', { class: 'sr-only' }, `${t('checklist.missing')}: `),
              h('span', { class: 'checklist__name' }, item.text[locale]),
            ),
          ),
        ),
  );
}
