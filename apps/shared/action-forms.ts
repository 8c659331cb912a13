// The two small forms behind the actions: the reason for an override approval, and the hours and
// scope for converting a request to advisory with a preview of the proposal.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatMoney, formatNumber } from './format.js';
import type { PanelLocale, Translate } from './labels.js';

export interface OverrideFormProps {
  readonly outcome: string;
  readonly busy: boolean;
  readonly t: Translate;
  onConfirm(reason: string): void;
  onCancel(): void;
}

export function OverrideForm({ outcome, busy, t, onConfirm, onCancel }: OverrideFormProps) {
  const [reason, setReason] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const valid = reason.trim().length > 0;
  return h(
    'form',
    { class: 'form', 'aria-labelledby': 'inscope-override', onSubmit: (e: Event) => { e.preventDefault(); if (valid && !busy) onConfirm(reason.trim()); } },
    h('h3', { id: 'inscope-override', class: 'form__title' }, t('override.heading')),
    h('p', { class: 'hint' }, t('override.explain', { outcome })),
    h('label', { class: 'label', for: 'inscope-reason' }, t('override.reason')),
    h('textarea', { id: 'inscope-reason', class: 'input', rows: 3, required: true, maxLength: 2000, ref: field, value: reason, onInput: (e: Event) => setReason((e.currentTarget as HTMLTextAreaElement).value) }),
    h(
      'div',
      { class: 'form__buttons' },
      h('button', { type: 'submit', class: 'btn btn--primary', disabled: !valid || busy }, t('override.confirm')),
      h('button', { type: 'button', class: 'btn', onClick: onCancel, disabled: busy }, t('actions.cancel')),
    ),
  );
}

export interface ConvertFormProps {
  readonly hourlyRate: number;
  readonly currency: string;
  readonly defaultHours: number;
  readonly busy: boolean;
  readonly t: Translate;
  readonly locale: PanelLocale;
  onHoursChange(hours: number): void;
  onConfirm(body: { hours: number; scope: string }): void;
  onCancel(): void;
}

export function proposalAmount(hours: number, hourlyRate: number): number {
  return Math.round(hours * hourlyRate * 100) / 100;
}

export function ConvertForm({ hourlyRate, currency, defaultHours, busy, t, locale, onHoursChange, onConfirm, onCancel }: ConvertFormProps) {
  const [hoursText, setHoursText] = useState(String(defaultHours));
  const [scope, setScope] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const hours = Number(hoursText.replace(',', '.'));
  const validHours = Number.isFinite(hours) && hours > 0 && hours <= 1000;
  const valid = validHours && scope.trim().length >= 3;
  const preview = validHours
    ? t('convert.preview', { hours: formatNumber(hours, locale), rate: formatMoney(hourlyRate, currency, locale), amount: formatMoney(proposalAmount(hours, hourlyRate), currency, locale) })
    : t('convert.invalid');
  return h(
    'form',
    { class: 'form', 'aria-labelledby': 'inscope-convert', onSubmit: (e: Event) => { e.preventDefault(); if (valid && !busy) onConfirm({ hours, scope: scope.trim() }); } },
    h('h3', { id: 'inscope-convert', class: 'form__title' }, t('convert.heading')),
    h('label', { class: 'label', for: 'inscope-hours' }, t('convert.hours')),
    h('input', {
      id: 'inscope-hours', class: 'input input--short', type: 'number', min: 0.25, max: 1000, step: 0.25, required: true, ref: first, value: hoursText,
      onInput: (e: Event) => {
        const text = (e.currentTarget as HTMLInputElement).value;
        setHoursText(text);
        const next = Number(text);
        onHoursChange(Number.isFinite(next) && next > 0 ? next : 0);
      },
    }),
    h('label', { class: 'label', for: 'inscope-scope' }, t('convert.scope')),
    h('textarea', { id: 'inscope-scope', class: 'input', rows: 3, required: true, minLength: 3, maxLength: 4000, value: scope, onInput: (e: Event) => setScope((e.currentTarget as HTMLTextAreaElement).value) }),
    h('p', { class: 'preview', 'aria-live': 'polite', 'data-testid': 'convert-preview' }, preview),
    h(
      'div',
      { class: 'form__buttons' },
      h('button', { type: 'submit', class: 'btn btn--primary', disabled: !valid || busy }, t('convert.confirm')),
      h('button', { type: 'button', class: 'btn', onClick: onCancel, disabled: busy }, t('actions.cancel')),
    ),
  );
}
