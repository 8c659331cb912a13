// A small history for `inscope tune`: one cue word ("advies") that consistently misleads InScope
// against people's category, and words only one side uses that no cue knows ("hapert" on Calls,
// "sparren" on advisory requests), under a config whose coverage rules follow the kind alone.
import fs from 'node:fs';
import path from 'node:path';

export const CONFIG = `version: 1
vendor: { name: Veldhuis Software B.V., email: support@veldhuis-software.nl }
defaults: { timeZone: Europe/Amsterdam, hourlyRate: 135, currency: EUR, estimateHours: 2 }
facts:
  product: { field: product }
contracts:
  - id: C-1
    name: Bakkerij Jansen gold
    match: { emailDomains: [bakkerijjansen.nl] }
    level: gold
    validFrom: 2026-01-01
    products: [{ product: planner }]
coverage:
  - id: covered-kind
    when: { kind: [defect, new-version] }
    verdict: covered
    reason: { en: "A defect.", nl: "Een defect." }
  - id: advisory-kind
    when: { kind: [how-to, own-implementation, feature-request, other] }
    verdict: advisory
    reason: { en: "Advice.", nl: "Advies." }
kinds:
  learned: false
`;

const ticket = (id: string, subject: string, description: string, category: 'call' | 'advisory') => JSON.stringify({
  id, subject, description, createdAt: '2026-11-18T10:42:00Z', requesterEmail: 'p.jansen@bakkerijjansen.nl', requesterLocale: 'nl', fields: { product: 'planner' }, observed: { category },
});

// 7 Calls where "advies" wins the kind for a how-to (wrong); 6 Calls that say "hapert", which no cue
// knows (review); 6 how-to questions people set to advisory, which InScope gets right; 6 requests to
// "sparren" (talk it through) that people set to advisory and InScope takes for a defect (wrong).
const MISLEADING = ['export', 'import', 'rooster', 'planning', 'rapportage', 'koppeling', 'factuur'].map((what, i) =>
  ticket(`A${i + 1}`, `De ${what}`, `Kunnen jullie advies geven? Sinds vorige week hebben we een probleem met de ${what}.`, 'call'));
const HAPERT = [['roosterplanning', 'sinds gisteren'], ['urenregistratie', 'af en toe'], ['weekweergave', 'steeds vaker'], ['dienstenlijst', 'bij het openen'], ['verlofkalender', 'na het opslaan'], ['loonexport', 'elke ochtend']].map(([what, when], i) =>
  ticket(`B${i + 1}`, `De ${what}`, `De ${what} hapert ${when}.`, 'call'));
const HOW_TO = ['weekweergave', 'dagweergave', 'verlofregels', 'pauzes', 'toeslagen', 'feestdagen'].map((what, i) =>
  ticket(`C${i + 1}`, `Instellen ${what}`, `Hoe stel ik de ${what} in?`, 'advisory'));
const SPARREN = [['weekplanning', 'Wij willen daarover sparren.'], ['urenstaat', 'Morgen sparren misschien.'], ['verlofaanvraag', 'Graag even sparren.'], ['overuren', 'Laten we sparren.'], ['dienstruil', 'Liefst sparren met een consultant.'], ['bezetting', 'Tijd om te sparren.']].map(([what, tail], i) =>
  ticket(`D${i + 1}`, `De ${what}`, `Sinds vorige week hebben we een probleem met de ${what}. ${tail}`, 'advisory'));

/** Writes coverage.yaml and history.jsonl into `dir`. */
export function writeTuneHistory(dir: string): { config: string; tickets: string } {
  const config = path.join(dir, 'coverage.yaml');
  const tickets = path.join(dir, 'history.jsonl');
  fs.writeFileSync(config, CONFIG);
  fs.writeFileSync(tickets, `${[...MISLEADING, ...HAPERT, ...HOW_TO, ...SPARREN].join('\n')}\n`);
  return { config, tickets };
}
