// Deterministic generator of realistic Zendesk tickets (nl and en, 1–3 KB descriptions) and of
// contracts for many organizations, for the benchmarks. Seeded, so every run measures the same data.
import type { ContractDefinition } from '../rules/index.js';

export { seededRandom as createRandom } from '../test/helpers/seeded-random.js';

const PRODUCTS = [
  { id: 'finance', nl: 'Veldhuis Finance', en: 'Veldhuis Finance', versions: ['8.4', '9.1', '9.6', '10.0', '10.2'], modules: ['ledger', 'invoicing', 'banking', 'reporting'] },
  { id: 'payroll', nl: 'de salarisadministratie', en: 'Veldhuis Payroll', versions: ['6.9', '7.0', '7.2', '7.4'], modules: ['payslips', 'tax-filing', 'hr-export'] },
  { id: 'planner', nl: 'het rooster in Veldhuis Planner', en: 'Veldhuis Planner', versions: ['3.8', '4.0', '4.1'], modules: ['rostering', 'timesheets'] },
  { id: 'connect', nl: 'onze koppeling via Veldhuis Connect', en: 'Veldhuis Connect', versions: ['2.4', '2.5', '3.0'], modules: ['rest-api', 'webhooks', 'sftp'] },
] as const;

const FILLER = {
  nl: [
    'Wij werken hier sinds een aantal jaren mee en zijn er over het algemeen erg tevreden over.',
    'De medewerkers van de afdeling financiën gebruiken dit dagelijks voor de maandafsluiting.',
    'Het probleem doet zich voor bij meerdere gebruikers en op verschillende werkplekken.',
    'We hebben de computer al opnieuw opgestart en de cache van de browser geleegd, zonder resultaat.',
    'Graag horen wij zo snel mogelijk van u, want de deadline voor de aangifte komt dichterbij.',
    'In de bijlage vindt u een schermafdruk van de situatie zoals wij die zien.',
    'Onze collega van ICT heeft ook al gekeken maar kon de oorzaak niet vinden.',
    'Het gaat om de administratie van de vestiging in Utrecht en de vestiging in Zwolle.',
  ],
  en: [
    'We have been using this for several years and are generally very happy with it.',
    'The finance team relies on it every day for the month-end close.',
    'The problem occurs for several users and on different workstations.',
    'We already restarted the machines and cleared the browser cache, without result.',
    'We would appreciate a quick answer because the filing deadline is getting close.',
    'Attached you will find a screenshot of the situation as we see it.',
    'Our IT colleague also had a look but could not find the cause.',
    'This concerns the administration of both the London and the Manchester office.',
  ],
} as const;

const KINDS = {
  nl: {
    defect: (p: string, v: string, code: string) =>
      `Sinds de update naar versie ${v} krijgen wij een foutmelding in ${p}: "${code}: Onverwachte fout bij het verwerken van de boeking". Het werkt niet meer sinds gisteren.`,
    howto: (p: string) => `Hoe stel ik in ${p} in dat facturen automatisch worden verstuurd? Wij willen graag advies over de beste inrichting.`,
    custom: (p: string) => `Onze eigen koppeling met ${p} geeft andere totalen dan verwacht. Kunt u meekijken naar ons maatwerk script?`,
    vague: (p: string) => `Er klopt iets niet in ${p}, kunt u even bellen?`,
  },
  en: {
    defect: (p: string, v: string, code: string) =>
      `Since the update to version ${v} we get an error in ${p}: "${code}: Unexpected error while processing the entry". It stopped working yesterday.`,
    howto: (p: string) => `How do I configure ${p} so that invoices are sent automatically? We would like some best practice advice.`,
    custom: (p: string) => `Our custom integration with ${p} returns different totals than expected. Could you review our own script?`,
    vague: (p: string) => `Something is wrong in ${p}, can you call us?`,
  },
} as const;

export interface GeneratedTicket {
  readonly id: number;
  readonly url: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly subject: string;
  readonly raw_subject: string;
  readonly description: string;
  readonly status: string;
  readonly priority: string;
  readonly type: string;
  readonly requester_id: number;
  readonly organization_id: number;
  readonly tags: string[];
  readonly custom_fields: { id: number; value: string | number | null }[];
  readonly via: { channel: string };
}

export const BENCH_ORG_BASE = 500000;

/** Zendesk field ids as in examples/coverage.yaml. */
const FIELD = { category: 360001000001, product: 360001000002, version: 360001000003, module: 360001000004, errorText: 360001000005, steps: 360001000006 };
/** Zendesk Time Tracking's "Total time spent (sec)", mapped as `timeSpent` by the learn benchmark's config. */
export const TIME_SPENT_FIELD = 360001000099;

/** Typical hours per kind: a how-to takes less than work on the customer's own implementation. */
const HOURS = { defect: [1, 6], howto: [0.5, 4], custom: [3, 12], vague: [0.25, 2] } as const;

/** Seconds logged on ticket i, from its own number (no draw from the shared generator), in quarter hours. */
function loggedSeconds(i: number, kind: keyof typeof HOURS): number {
  const [low, high] = HOURS[kind];
  const r = (Math.imul(i + 1, 2654435761) >>> 0) / 2 ** 32;
  return Math.round((low + r * (high - low)) * 4) * 900;
}

export interface TextLength {
  readonly min: number;
  readonly max: number;
}

/** 1–3 KB, the long end of real descriptions (issue 2's simulate benchmark). */
export const LONG_TEXT: TextLength = { min: 1000, max: 3000 };

/**
 * `categorised`: the Category field set as people would (a defect is a Call, the rest advisory) and
 * the time logged on it, for `inscope learn`; it draws no extra random numbers, so the tickets are
 * otherwise the same.
 */
export function generateTicket(i: number, random: () => number, organizations: number, size: TextLength = LONG_TEXT, categorised = false): GeneratedTicket {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const lang = random() < 0.6 ? 'nl' : 'en';
  const product = pick(PRODUCTS);
  const version = pick(product.versions);
  const kind = pick(['defect', 'defect', 'defect', 'howto', 'custom', 'vague'] as const);
  const code = `ERR-${1000 + Math.floor(random() * 9000)}`;
  const name = product[lang];
  const opening = KINDS[lang][kind](name, version, code);
  const target = size.min + Math.floor(random() * (size.max - size.min));
  const parts: string[] = [lang === 'nl' ? 'Beste support,' : 'Dear support team,', opening];
  let length = parts.join(' ').length;
  while (length < target) {
    const sentence = pick(FILLER[lang]);
    parts.push(sentence);
    length += sentence.length + 1;
  }
  parts.push(lang === 'nl' ? 'Met vriendelijke groet,\nJanneke de Boer' : 'Kind regards,\nOliver Smith');
  const email = random() < 0.4; // e-mail tickets carry no form fields: facts come from the text
  const created = new Date(Date.UTC(2026, 9, 1) + Math.floor(random() * 56 * 86400000)).toISOString().replace('.000', '');
  const subject = lang === 'nl' ? `${kind === 'howto' ? 'Vraag over' : 'Probleem met'} ${name}` : `${kind === 'howto' ? 'Question about' : 'Problem with'} ${name}`;
  return {
    id: 100000 + i,
    url: `https://example.zendesk.com/api/v2/tickets/${100000 + i}.json`,
    created_at: created,
    updated_at: created,
    subject,
    raw_subject: subject,
    description: parts.join(' '),
    status: 'new',
    priority: pick(['low', 'normal', 'normal', 'high', 'urgent']),
    type: 'question',
    requester_id: 7000000 + (i % 5000),
    organization_id: BENCH_ORG_BASE + Math.floor(random() * organizations),
    tags: random() < 0.1 ? ['spoed'] : [],
    custom_fields: [
      { id: FIELD.category, value: categorised ? (kind === 'defect' ? 'call' : 'advisory') : null },
      { id: FIELD.product, value: email ? null : product.id },
      { id: FIELD.version, value: email ? null : version },
      { id: FIELD.module, value: email ? null : pick(product.modules) },
      { id: FIELD.errorText, value: kind === 'defect' && !email ? code : null },
      { id: FIELD.steps, value: null },
      ...(categorised ? [{ id: TIME_SPENT_FIELD, value: loggedSeconds(i, kind) }] : []),
    ],
    via: { channel: email ? 'email' : 'web' },
  };
}

/** Contracts for `count` organizations: mostly active, some expired, some product-limited. */
export function generateContracts(count: number, random: () => number): ContractDefinition[] {
  const contracts: ContractDefinition[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    const products = r < 0.5 ? PRODUCTS.map((p) => ({ product: p.id })) : PRODUCTS.filter(() => random() < 0.5).map((p) => ({ product: p.id, versions: [`>=${p.versions[1]}`] }));
    contracts.push({
      id: `B-${String(i).padStart(4, '0')}`,
      name: `Bench customer ${i}`,
      match: { organizationIds: [String(BENCH_ORG_BASE + i)] },
      level: r < 0.3 ? 'gold' : r < 0.7 ? 'silver' : 'basic',
      validFrom: '2025-01-01',
      ...(random() < 0.15 ? { validUntil: '2026-09-30' } : { validUntil: '2027-12-31' }),
      timeZone: random() < 0.8 ? 'Europe/Amsterdam' : 'Europe/London',
      products: products.length > 0 ? products : [{ product: 'finance' }],
      ...(r < 0.3 ? { autoApprove: true } : {}),
      hourlyRate: 110 + Math.floor(random() * 60),
      currency: 'EUR',
      monthlyBudget: random() < 0.5 ? { hours: 10 + Math.floor(random() * 30) } : { amount: 2000 + Math.floor(random() * 6000) },
    });
  }
  return contracts;
}
