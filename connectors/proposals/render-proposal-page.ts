// The customer's acceptance page: the proposal's summary with Accept and Decline buttons (forms that
// POST back to the same signed URL), and the pages for a link that is tampered, expired or used.
// Self-contained HTML in the proposal's language, no scripts, no external resources.
import { estimateBasis, type Locale } from '../../rules/index.js';
import type { ProposalRecord } from '../store/proposal-store.js';
import { formatHours, formatLongDate, formatMoney } from './format-money.js';

/** preview: a proposal made in shadow mode, never sent; its link shows it, and no choice is recorded. */
export type ProposalPageState = 'open' | 'accepted' | 'declined' | 'expired' | 'used' | 'invalid' | 'superseded' | 'preview';

const T = {
  nl: {
    title: 'Offerte', previewTitle: 'VOORBEELD', version: 'versie', total: 'Totaal (incl. btw)', totalReverseCharged: 'Totaal', vat: 'Btw', reverseCharge: 'BTW verlegd', subtotal: 'Excl. btw', hours: 'Geschatte uren', validUntil: 'Geldig t/m', scope: 'Omvang',
    ticket: 'Uw verzoek', accept: 'Akkoord', decline: 'Afwijzen', ask: 'Gaat u akkoord met deze offerte?',
    open: '', accepted: 'Dank u wel: u bent akkoord gegaan met deze offerte. Wij nemen de werkzaamheden in behandeling.',
    declined: 'U heeft deze offerte afgewezen. Wij nemen contact met u op als dat nodig is.',
    expired: 'Deze offerte is verlopen en kan niet meer geaccepteerd worden. Antwoord op uw ticket als u een nieuwe offerte wilt.',
    used: 'Over deze offerte is al beslist; deze link kan niet nog eens gebruikt worden.',
    superseded: 'Deze versie van de offerte is vervangen door een nieuwere; gebruik de link uit het laatste bericht.',
    invalid: 'Deze link is ongeldig. Gebruik de link uit het bericht bij uw ticket.',
    preview: 'VOORBEELD (schaduwmodus): deze offerte is niet naar de klant gestuurd. Zo ziet de klant de pagina; de knoppen leggen hier niets vast.',
    previewDone: 'Er is niets vastgelegd: dit is een voorbeeld uit de schaduwmodus.',
  },
  en: {
    title: 'Proposal', previewTitle: 'PREVIEW', version: 'version', total: 'Total (incl. VAT)', totalReverseCharged: 'Total', vat: 'VAT', reverseCharge: 'VAT reverse-charged', subtotal: 'Excl. VAT', hours: 'Estimated hours', validUntil: 'Valid until', scope: 'Scope',
    ticket: 'Your request', accept: 'Accept', decline: 'Decline', ask: 'Do you accept this proposal?',
    open: '', accepted: 'Thank you: you have accepted this proposal. We will take the work in hand.',
    declined: 'You have declined this proposal. We will be in touch if needed.',
    expired: 'This proposal has expired and can no longer be accepted. Reply on your ticket if you would like a new one.',
    used: 'This proposal has already been decided; this link cannot be used again.',
    superseded: 'This version of the proposal has been replaced by a newer one; please use the link in the latest message.',
    invalid: 'This link is not valid. Please use the link in the message on your ticket.',
    preview: 'PREVIEW (shadow mode): this proposal was not sent to the customer. This is the page the customer would see; the buttons record nothing here.',
    previewDone: 'Nothing was recorded: this is a shadow-mode preview.',
  },
} as const;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2933}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{font-weight:600}
.notice{padding:1rem;border-radius:.4rem;background:#eef2f7}.actions{display:flex;gap:1rem;margin-top:1.5rem}
button{font-size:1rem;padding:.7rem 1.4rem;border-radius:.4rem;border:1px solid #1f2933;cursor:pointer}
button.accept{background:#1d7a46;color:#fff;border-color:#1d7a46}button.decline{background:#fff}
.preview{padding:1rem;border:3px dashed #b45309;background:#fff7ed;color:#7c2d12;font-weight:600}`;

export function renderProposalPage(input: { state: ProposalPageState; record: ProposalRecord | null; action: string; locale: Locale; vendorName: string; highlight?: 'decline'; previewChoice?: boolean }): string {
  const { state, record } = input;
  const locale = record?.document.contact.locale ?? input.locale;
  const t = T[locale];
  const parts: string[] = [];
  if (state === 'preview') {
    parts.push(`<p class="preview" role="note" data-testid="state-preview">${t.preview}</p>`);
    if (input.previewChoice) parts.push(`<p class="notice" role="status" data-testid="preview-nothing-recorded">${t.previewDone}</p>`);
  }
  if (record) {
    const d = record.document;
    parts.push(`<h1>${t.title} ${escape(record.number)} — ${t.version} ${record.version}</h1>`);
    parts.push('<dl>');
    parts.push(`<dt>${t.ticket}</dt><dd>#${escape(d.ticket.id)} ${escape(d.ticket.subject)}</dd>`);
    parts.push(`<dt>${t.scope}</dt><dd>${escape(d.scope)}</dd>`);
    const basis = d.estimate === undefined ? '' : ` <small data-testid="hours-basis">(${escape(estimateBasis(d.estimate)[locale])})</small>`;
    parts.push(`<dt>${t.hours}</dt><dd>${formatHours(record.hundredthHours / 100, locale)}${basis}</dd>`);
    parts.push(`<dt>${t.subtotal}</dt><dd>${escape(formatMoney(record.subtotal, record.currency, locale))}</dd>`);
    // Reverse-charged VAT is the customer's to account for: the page says so where the VAT would be.
    if (d.reverseCharge === true) parts.push(`<dt>${t.vat}</dt><dd data-testid="vat">${t.reverseCharge}</dd>`);
    parts.push(`<dt>${d.reverseCharge === true ? t.totalReverseCharged : t.total}</dt><dd data-testid="total"><strong>${escape(formatMoney(record.total, record.currency, locale))}</strong></dd>`);
    parts.push(`<dt>${t.validUntil}</dt><dd>${escape(formatLongDate(record.validUntil, locale, record.timeZone))}</dd>`);
    parts.push('</dl>');
  }
  if (state === 'open' || state === 'preview') {
    parts.push(`<p>${t.ask}</p><div class="actions">`);
    parts.push(`<form method="post" action="${escape(input.action)}/accept"><button class="accept" type="submit"${input.highlight === 'decline' ? '' : ' autofocus'}>${t.accept}</button></form>`);
    parts.push(`<form method="post" action="${escape(input.action)}/decline"><button class="decline" type="submit"${input.highlight === 'decline' ? ' autofocus' : ''}>${t.decline}</button></form>`);
    parts.push('</div>');
  } else {
    parts.push(`<p class="notice" role="status" data-testid="state-${state}">${t[state]}</p>`);
  }
  const title = `${state === 'preview' ? `${t.previewTitle} · ` : ''}${record ? `${t.title} ${record.number}` : t.title}`;
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)} — ${escape(input.vendorName)}</title><style>${STYLE}</style></head>
<body><main><p>${escape(input.vendorName)}</p>${parts.join('\n')}</main></body></html>`;
}
