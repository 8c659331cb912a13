// A vendor's history with logged time, as Zendesk exports it: how-to questions of one customer
// (organization 9001, a Gold contract) about Veldhuis Finance on two topics that take different
// time, with the Time Tracking app's "Total time spent (sec)" field (360001000099) and the Category.
// The config is examples/coverage.yaml with that field mapped as `timeSpent` and named in
// `proposals.timeSpentField`.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
export const TIME_SPENT_FIELD = 360001000099;

/** Exporting the open items report to Excel: logged 1.5, 2, 2, 2.5 and 3 hours. */
export const EXPORT_QUESTIONS: readonly [string, string, number][] = [
  ['Rapportage openstaande posten naar Excel', 'Hoe kan ik in Veldhuis Finance de rapportage van openstaande posten exporteren naar Excel? Wij willen de kolommen debiteur en vervaldatum meenemen.', 1.5],
  ['Export openstaande posten', 'Hoe exporteer ik de rapportage openstaande posten naar Excel, met de vervaldatum per debiteur erbij?', 2],
  ['Openstaande posten in Excel', 'Hoe kan ik de rapportage met openstaande posten per debiteur naar Excel exporteren? De vervaldatum moet erin staan.', 2],
  ['Vraag over rapportage', 'Graag uitleg: hoe kan ik de rapportage van openstaande posten exporteren naar Excel, inclusief de vervaldatum en de debiteur?', 2.5],
  ['Excel-export debiteuren', 'Hoe kan ik een Excel-export maken van de rapportage openstaande posten, gesorteerd op vervaldatum per debiteur?', 3],
];

/** Setting up automatic payment reminders: logged 5, 6, 6, 7 and 8 hours. */
export const REMINDER_QUESTIONS: readonly [string, string, number][] = [
  ['Automatische herinneringen', 'Hoe stel ik automatische betalingsherinneringen in voor facturen die dertig dagen na de vervaldatum nog niet betaald zijn? Graag advies over de aanmaningsteksten.', 5],
  ['Betalingsherinneringen instellen', 'Hoe richt ik de betalingsherinneringen en aanmaningen in zodat ze automatisch per e-mail verstuurd worden? Graag advies over de aanmaningsteksten.', 6],
  ['Aanmaningen automatisch versturen', 'Hoe stel ik in dat aanmaningen en betalingsherinneringen automatisch per e-mail naar de klant gaan, met onze eigen aanmaningsteksten?', 6],
  ['Herinneringen per e-mail', 'Hoe kunnen wij automatische betalingsherinneringen per e-mail instellen, met een tweede aanmaning na veertien dagen?', 7],
  ['Vraag over aanmaningen', 'Hoe stel ik automatische aanmaningen en betalingsherinneringen in, met verschillende aanmaningsteksten per klantgroep?', 8],
];

function ticket(id: number, [subject, description, hours]: [string, string, number], day: number) {
  return {
    id, subject, raw_subject: subject, description,
    created_at: `2026-03-${String(day).padStart(2, '0')}T09:00:00Z`, updated_at: '2026-03-31T09:00:00Z',
    status: 'solved', priority: 'normal', type: 'question', requester_id: 381001, organization_id: 9001,
    tags: [], via: { channel: 'web' },
    custom_fields: [
      { id: 360001000001, value: 'advisory' },
      { id: 360001000002, value: 'finance' },
      { id: TIME_SPENT_FIELD, value: String(Math.round(hours * 3600)) },
    ],
  };
}

/** Writes the history as one Zendesk list page under `dir`. */
export function writeLoggedHoursExport(dir: string): void {
  const tickets = [...EXPORT_QUESTIONS, ...REMINDER_QUESTIONS].map((q, i) => ticket(71000 + i, q, 2 + i));
  fs.writeFileSync(path.join(dir, 'tickets.json'), JSON.stringify({ tickets, next_page: null, count: tickets.length }));
}

/** examples/coverage.yaml with the time spent field mapped and named; `extra` lines go under `proposals:`. */
export function loggedHoursConfig(extra = ''): string {
  const text = fs.readFileSync(path.join(root, 'examples/coverage.yaml'), 'utf8');
  const mapped = text.replace('fields: { product: 360001000002,', `fields: { timeSpent: ${TIME_SPENT_FIELD}, product: 360001000002,`);
  if (mapped === text || !/\nproposals:\n {2}vatPercent: 21\n {2}validityDays: 30\n?$/.test(mapped)) throw new Error('examples/coverage.yaml changed: update loggedHoursConfig');
  return `${mapped.trimEnd()}\n  timeSpentField: timeSpent\n${extra}`;
}
