// The contract card: id, level, covered products, validity, and warnings when it does not apply or
// expires within 30 days of `today`. Whether it applies was decided on the ticket's creation date,
// so "not active yet" speaks of that day, in the past tense.
import { h } from 'preact';
import { contractNotices } from './contract-notices.js';
import { formatDate } from './format.js';
import type { PanelLocale, Translate } from './labels.js';
import type { ContractDetails, SidebarData } from './sidebar-data.js';

/** "payroll >=7.0 (payslips)": the product, its supported versions and covered modules. */
export function describeProduct(entry: ContractDetails['coveredProducts'][number] | string): string {
  if (typeof entry === 'string') return entry;
  const versions = entry.versions?.length ? ` ${entry.versions.join(', ')}` : '';
  const modules = entry.modules?.length ? ` (${entry.modules.join(', ')})` : '';
  return `${entry.product}${versions}${modules}`;
}

export interface ContractSectionProps {
  readonly data: SidebarData;
  readonly t: Translate;
  readonly locale: PanelLocale;
  readonly today: string;
}

export function ContractSection({ data, t, locale, today }: ContractSectionProps) {
  const { contract } = data;
  const body = !contract
    ? [h('p', { class: 'notice notice--warning', key: 'none' }, t('contract.none'))]
    : [
        h(
          'dl',
          { class: 'facts', key: 'facts' },
          h('dt', null, 'ID'),
          h('dd', { title: contract.name }, `${contract.id} · ${contract.name}`),
          h('dt', null, t('contract.level')),
          h('dd', null, contract.level),
          h('dt', null, t('contract.products')),
          h(
            'dd',
            null,
            h('ul', { class: 'plain' }, (contract.coveredProducts.length > 0 ? contract.coveredProducts : contract.products).map((p) => h('li', { key: describeProduct(p) }, describeProduct(p)))),
          ),
          h('dt', null, t('contract.validUntil')),
          h('dd', null, contract.validUntil ? formatDate(contract.validUntil, locale) : t('contract.openEnded')),
        ),
        ...contractNotices(contract, today).map((notice) =>
          h(
            'p',
            { class: 'notice notice--warning', key: notice.kind, 'data-testid': `contract-${notice.kind}` },
            notice.kind === 'state'
              ? notice.state === 'not-yet-active' && data.ticket.createdAt
                ? t('contract.notYetActiveOn', { date: formatDate(data.ticket.createdAt, locale, contract.timeZone) })
                : t(`contract.state.${notice.state}`)
              : notice.days === 0
                ? t('contract.expiresToday')
                : t('contract.expiresSoon', { days: notice.days, date: formatDate(notice.date, locale) }),
          ),
        ),
      ];
  return h(
    'section',
    { class: 'section', 'aria-labelledby': 'inscope-contract' },
    h('h2', { id: 'inscope-contract', class: 'section__title' }, t('contract.heading')),
    ...body,
  );
}
