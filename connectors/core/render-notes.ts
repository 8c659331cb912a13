// The texts InScope writes on a ticket: the internal note for agents and the public request for
// missing information, in the requester's language.
import { isAdvisoryWithoutProposal, type Locale, type Verdict } from '../../rules/index.js';

export function pickLocale(requesterLocale: string | undefined, fallback: Locale): Locale {
  if (!requesterLocale) return fallback;
  const lang = requesterLocale.toLowerCase().slice(0, 2);
  return lang === 'nl' ? 'nl' : lang === 'en' ? 'en' : fallback;
}

const LABEL = {
  en: { outcome: { incomplete: 'Incomplete', covered: 'Covered (Call)', advisory: 'Not covered: advisory', review: 'Needs review' }, rule: 'rule', contract: 'Contract', none: 'no contract found', proposal: 'Proposal draft', missing: 'Missing',
    noProposal: (rule: string) => `No proposal sent: rule ${rule} has proposal: none. To send one, use "Convert to advisory…" in the InScope sidebar with your hours and scope.` },
  nl: { outcome: { incomplete: 'Onvolledig', covered: 'Gedekt (Call)', advisory: 'Niet gedekt: advies', review: 'Beoordelen' }, rule: 'regel', contract: 'Contract', none: 'geen contract gevonden', proposal: 'Conceptvoorstel', missing: 'Ontbreekt',
    noProposal: (rule: string) => `Geen voorstel verstuurd: regel ${rule} heeft proposal: none. Wilt u er toch een sturen, gebruik dan "Omzetten naar advies…" in de InScope-zijbalk met uw uren en omvang.` },
} as const;

export function renderInternalNote(verdict: Verdict, locale: Locale, extra?: string): string {
  const l = LABEL[locale];
  const lines = [`InScope: ${l.outcome[verdict.outcome]} (${l.rule} ${verdict.rule ?? '-'}, config ${verdict.trace.configHash})`];
  if (extra) lines.push(extra);
  for (const reason of verdict.reasons) lines.push(`- ${reason[locale]}`);
  if (verdict.missing.length > 0) lines.push(`${l.missing}: ${verdict.missing.map((m) => m.text[locale]).join('; ')}`);
  const c = verdict.contract;
  lines.push(`${l.contract}: ${c ? `${c.id} ${c.name}, ${c.level}, ${c.state}` : l.none}`);
  const p = verdict.proposal;
  if (isAdvisoryWithoutProposal(verdict)) lines.push(l.noProposal(verdict.rule ?? '-'));
  else if (p) lines.push(`${l.proposal}: ${p.hours} h × ${p.hourlyRate.toFixed(2)} ${p.currency} = ${p.amount.toFixed(2)} ${p.currency}`);
  return lines.join('\n');
}

/**
 * The public reply for an advisory verdict without a proposal: the rule's reason, in the
 * requester's language, as the proposal's comment would have given it.
 */
export function renderAdvisoryReply(verdict: Verdict, locale: Locale, vendor: string): string {
  const reasons = verdict.reasons.map((r) => r[locale]).join('\n\n');
  return locale === 'nl'
    ? `Beste klant,\n\n${reasons}\n\nMet vriendelijke groet,\n${vendor}`
    : `Dear customer,\n\n${reasons}\n\nKind regards,\n${vendor}`;
}

export function renderMissingInfoRequest(verdict: Verdict, locale: Locale): string {
  const items = verdict.missing.map((m) => `- ${m.text[locale]}`).join('\n');
  return locale === 'nl'
    ? `Bedankt voor uw melding. Om die goed te kunnen behandelen hebben wij nog het volgende van u nodig:\n\n${items}\n\nZodra wij dit hebben, nemen wij uw melding in behandeling.`
    : `Thank you for your request. To handle it properly we still need the following from you:\n\n${items}\n\nAs soon as we have this, we will take your request into work.`;
}
