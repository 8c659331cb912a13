// The sidebar panel, helpdesk-neutral: it loads the verdict through a SidebarApi, shows it, and runs
// the agent's actions. Loading and errors never block the agent: an unreachable connector shows a
// retry, and a refresh keeps the last verdict on screen while the new one loads.
import { h } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ConvertForm, OverrideForm, proposalAmount } from './action-forms.js';
import { BudgetMeter } from './budget-meter.js';
import { ChecklistSection } from './checklist-section.js';
import { ContractSection } from './contract-section.js';
import { formatMoney, formatNumber } from './format.js';
import { createTranslate, type PanelLocale, type Translate } from './labels.js';
import { isSidebarApiError, type ProposalFigures, type SidebarApi, type SidebarData, type SidebarHost } from './sidebar-data.js';
import { hasNoProposal, isApproved } from './verdict-badge.js';
import { VerdictSection } from './verdict-section.js';

export interface SidebarPanelProps {
  readonly api: SidebarApi;
  readonly host: SidebarHost;
  readonly locale: PanelLocale;
  /** The agent's calendar date, YYYY-MM-DD (for contract expiry warnings). */
  readonly today: string;
  /** Change it to reload (the adapter bumps it on ticket change events). */
  readonly refreshToken?: number;
  /** Called once, after the first verdict is on screen. */
  readonly onReady?: () => void;
}

type LoadState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'ready'; readonly data: SidebarData; readonly refreshing: boolean };

type ActionName = 'approve' | 'request-info' | 'convert' | 'reevaluate';
type Notice = { readonly tone: 'success' | 'error'; readonly text: string; readonly copy?: string };

export function errorText(error: unknown, t: Translate): string {
  if (isSidebarApiError(error)) {
    if (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504) return t('error.unreachable');
    if (error.status === 401 || error.status === 403) return t('error.auth');
    return t('error.other', { message: error.message });
  }
  return t('error.unreachable');
}

export function SidebarPanel({ api, host, locale, today, refreshToken = 0, onReady }: SidebarPanelProps) {
  const t = createTranslate(locale);
  const [load, setLoad] = useState<LoadState>({ kind: 'loading' });
  const [busy, setBusy] = useState<ActionName | null>(null);
  const [form, setForm] = useState<'override' | 'convert' | null>(null);
  // A conversion the connector held back because it would exceed the budget cap: the manager may
  // confirm it explicitly (budgetPolicy: require-confirmation).
  const [overBudget, setOverBudget] = useState<{ hours: number; scope: string } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [previewHours, setPreviewHours] = useState<number | null>(null);
  const seq = useRef(0);
  const readyCalled = useRef(false);

  const reload = useCallback(() => {
    const mine = ++seq.current;
    setLoad((prev) => (prev.kind === 'ready' ? { ...prev, refreshing: true } : { kind: 'loading' }));
    api.load().then(
      (data) => mine === seq.current && setLoad({ kind: 'ready', data, refreshing: false }),
      (error: unknown) => mine === seq.current && setLoad({ kind: 'error', error }),
    );
  }, [api]);

  useEffect(reload, [reload, refreshToken]);
  useEffect(() => {
    if (load.kind === 'ready' && !readyCalled.current) {
      readyCalled.current = true;
      onReady?.();
    }
  }, [load, onReady]);

  if (load.kind === 'loading') {
    return h('div', { class: 'panel', 'aria-busy': 'true' }, h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('loading')));
  }
  if (load.kind === 'error') {
    return h(
      'div',
      { class: 'panel' },
      h('div', { class: 'notice notice--error', role: 'alert', 'data-testid': 'load-error' }, errorText(load.error, t)),
      h('button', { type: 'button', class: 'btn btn--primary', onClick: reload }, t('retry')),
    );
  }

  const { data } = load;
  const { verdict, contract } = data;
  const rate = contract?.hourlyRate ?? verdict.proposal?.hourlyRate ?? 0;
  const currency = contract?.currency ?? verdict.proposal?.currency ?? 'EUR';
  const approved = isApproved(data);
  const approvable = verdict.outcome === 'covered' && verdict.missing.length === 0;
  // An advisory ticket is converted already (InScope drafts its proposal): nothing to convert, unless
  // its rule sends no proposal (proposal: none) and none was made: then Convert makes one by hand.
  const convertible = !(data.ticket.category === 'advisory' || verdict.outcome === 'advisory') || hasNoProposal(data);
  // A draft that is not sent (proposal: none) adds nothing to the month until an agent converts.
  const proposalHours = form === 'convert' ? previewHours : hasNoProposal(data) ? null : (verdict.proposal?.hours ?? null);
  const proposal = proposalHours ? { hours: proposalHours, amount: proposalAmount(proposalHours, rate) } : null;

  const run = async (name: ActionName, action: () => Promise<Notice>) => {
    setBusy(name);
    setNotice(null);
    try {
      const done = await action();
      setForm(null);
      setNotice(done);
      reload();
    } catch (error) {
      if (name === 'approve' && isSidebarApiError(error) && error.code === 'reason_required') {
        setForm('override');
      } else {
        setNotice({ tone: 'error', text: errorText(error, t) });
      }
    } finally {
      setBusy(null);
    }
  };

  const approve = (reason?: string) =>
    run('approve', async () => {
      const result = await api.approve(reason ? { reason } : {});
      return { tone: 'success', text: result.applied === false ? t('notice.approvedShadow') : t('notice.approved') };
    });
  const requestInfo = () =>
    run('request-info', async () => {
      const { message } = await api.requestInfo();
      try {
        await host.insertReply(message);
        return { tone: 'success', text: t('notice.requestInfo') };
      } catch {
        return { tone: 'success', text: t('notice.requestInfoCopy'), copy: message };
      }
    });
  const convert = (body: { hours: number; scope: string; confirmOverBudget?: boolean }) =>
    run('convert', async () => {
      let p: ProposalFigures;
      try {
        ({ proposal: p } = await api.convert(body));
      } catch (error) {
        if (isSidebarApiError(error) && error.status === 409 && error.code === 'over_budget') setOverBudget({ hours: body.hours, scope: body.scope });
        throw error;
      }
      setOverBudget(null);
      return { tone: 'success', text: t('notice.converted', { hours: formatNumber(p.hours, locale), rate: formatMoney(p.hourlyRate, p.currency, locale), amount: formatMoney(p.amount, p.currency, locale) }) };
    });
  const reevaluate = () => run('reevaluate', async () => (await api.reevaluate(), { tone: 'success', text: t('notice.reevaluate') }));

  const button = (label: string, onClick: () => void, disabled: boolean, primary = false, testId?: string) =>
    h('button', { type: 'button', class: primary ? 'btn btn--primary' : 'btn', onClick, disabled: disabled || busy !== null, 'data-testid': testId }, label);

  return h(
    'div',
    { class: 'panel', 'aria-busy': load.refreshing ? 'true' : 'false' },
    load.refreshing ? h('p', { class: 'refreshing', role: 'status' }, t('refreshing')) : null,
    h(VerdictSection, { data, t, locale }),
    h(ChecklistSection, { data, t, locale }),
    h(ContractSection, { data, t, locale, today }),
    h(BudgetMeter, { budget: data.budget, proposal, t, locale }),
    h(
      'section',
      { class: 'section', 'aria-labelledby': 'inscope-actions' },
      h('h2', { id: 'inscope-actions', class: 'section__title' }, t('actions.heading')),
      h(
        'div',
        { class: 'actions' },
        button(approvable ? t('actions.approve') : t('actions.approveOverride'), () => (approvable ? void approve() : setForm('override')), approved, approvable, 'action-approve'),
        button(t('actions.requestInfo'), () => void requestInfo(), verdict.missing.length === 0, verdict.outcome === 'incomplete', 'action-request-info'),
        convertible ? button(t('actions.convert'), () => { setPreviewHours(verdict.proposal?.hours ?? 1); setForm('convert'); }, false, false, 'action-convert') : null,
        button(t('actions.reevaluate'), () => void reevaluate(), false, false, 'action-reevaluate'),
      ),
      approved ? h('p', { class: 'hint' }, t('actions.alreadyApproved')) : null,
      form === 'override' ? h(OverrideForm, { outcome: t(`outcome.${verdict.outcome}`), busy: busy !== null, t, onConfirm: (reason: string) => void approve(reason), onCancel: () => setForm(null) }) : null,
      form === 'convert' && convertible
        ? h(ConvertForm, { hourlyRate: rate, currency, defaultHours: verdict.proposal?.hours ?? 1, busy: busy !== null, t, locale, onHoursChange: setPreviewHours, onConfirm: (body: { hours: number; scope: string }) => void convert(body), onCancel: () => { setForm(null); setOverBudget(null); } })
        : null,
      form === 'convert' && overBudget
        ? h(
            'div',
            { class: 'notice notice--warning', role: 'alert', 'data-testid': 'over-budget' },
            h('p', null, t('convert.overBudget')),
            h('button', { type: 'button', class: 'btn btn--primary', disabled: busy !== null, 'data-testid': 'confirm-over-budget', onClick: () => void convert({ ...overBudget, confirmOverBudget: true }) }, t('convert.confirmOverBudget')),
          )
        : null,
      notice
        ? h(
            'div',
            { class: `notice notice--${notice.tone}`, role: notice.tone === 'error' ? 'alert' : 'status', 'data-testid': 'action-notice' },
            notice.text,
            notice.copy ? h('textarea', { class: 'input', readOnly: true, rows: 6, value: notice.copy, 'aria-label': t('actions.requestInfo') }) : null,
          )
        : null,
    ),
  );
}
