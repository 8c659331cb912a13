// inscope tune on a small history built for it: one cue word ("advies") that consistently misleads
// InScope against people's category, and one word ("hapert") that only Call tickets use and no cue
// knows. Real config loader, real engine, real reader.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, compileOptions, parseConfig, type LoadedConfig } from '../../connectors/config/load-config.js';
import { editKindsConfig } from '../../connectors/learn/edit-kinds-config.js';
import { tuneKinds, type TuneResult } from '../../connectors/learn/tune-kinds.js';
import { compileRules } from '../../rules/index.js';

const CONFIG = `version: 1
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
// knows (review);
// 6 how-to questions people set to advisory, which InScope gets right; 6 requests to "sparren" (talk
// it through) that people set to advisory and InScope takes for a defect.
const MISLEADING = ['export', 'import', 'rooster', 'planning', 'rapportage', 'koppeling', 'factuur'].map((what, i) =>
  ticket(`A${i + 1}`, `De ${what}`, `Kunnen jullie advies geven? Sinds vorige week hebben we een probleem met de ${what}.`, 'call'));
const HAPERT = [['roosterplanning', 'sinds gisteren'], ['urenregistratie', 'af en toe'], ['weekweergave', 'steeds vaker'], ['dienstenlijst', 'bij het openen'], ['verlofkalender', 'na het opslaan'], ['loonexport', 'elke ochtend']].map(([what, when], i) =>
  ticket(`B${i + 1}`, `De ${what}`, `De ${what} hapert ${when}.`, 'call'));
const HOW_TO = ['weekweergave', 'dagweergave', 'verlofregels', 'pauzes', 'toeslagen', 'feestdagen'].map((what, i) =>
  ticket(`C${i + 1}`, `Instellen ${what}`, `Hoe stel ik de ${what} in?`, 'advisory'));
const SPARREN = [['weekplanning', 'Wij willen daarover sparren.'], ['urenstaat', 'Morgen sparren misschien.'], ['verlofaanvraag', 'Graag even sparren.'], ['overuren', 'Laten we sparren.'], ['dienstruil', 'Liefst sparren met een consultant.'], ['bezetting', 'Tijd om te sparren.']].map(([what, tail], i) =>
  ticket(`D${i + 1}`, `De ${what}`, `Sinds vorige week hebben we een probleem met de ${what}. ${tail}`, 'advisory'));

let dir: string;
let loaded: LoadedConfig;

async function tune(minTickets = 5): Promise<TuneResult> {
  const options = compileOptions(loaded);
  return tuneKinds({ ticketsPath: path.join(dir, 'history.jsonl'), config: loaded.config, compile: (config) => compileRules(config, options), minTickets });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-tune-'));
  fs.writeFileSync(path.join(dir, 'coverage.yaml'), CONFIG);
  fs.writeFileSync(path.join(dir, 'history.jsonl'), `${[...MISLEADING, ...HAPERT, ...HOW_TO, ...SPARREN].join('\n')}\n`);
  loaded = await loadConfig(path.join(dir, 'coverage.yaml'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tuneKinds', () => {
  it('lists the cue word that misleads first, with how often it fired against people and on which tickets', async () => {
    const result = await tune();
    expect(result.examples).toBe(25);
    // The "hapert" tickets have too little for any kind: a person decides them.
    expect(result.grades).toEqual({ right: 6, wrong: 13, review: 6, incomplete: 0 });
    expect(result.cues[0]).toMatchObject({ kind: 'how-to', cue: 'advies', removable: true, fired: 7, against: 7, examples: ['A1', 'A2', 'A3'] });
    expect(result.rules[0]).toMatchObject({ rule: 'advisory-kind', decided: 13, against: 7, examples: ['A1', 'A2', 'A3'] });
    expect(result.changes).toContainEqual(expect.objectContaining({ kind: 'how-to', change: 'remove', cue: 'advies', tickets: 7, agreeing: 7, effect: { right: 7, wrong: -7 } }));
  });

  it('suggests a word only one side uses as a cue of the kind InScope saw on that side', async () => {
    const { changes, after } = await tune();
    const hapert = changes.find((c) => c.cue === 'hapert');
    expect(hapert).toMatchObject({ kind: 'defect', change: 'add', tickets: 6, agreeing: 6, notRightNow: 6, effect: { right: 6, wrong: 0 } });
    expect(hapert?.z).toBeGreaterThan(0);
    // Read as a defect with a how-to behind it: the how-to is the advisory kind people meant.
    const sparren = changes.find((c) => c.cue === 'sparren');
    expect(sparren).toMatchObject({ kind: 'how-to', change: 'add', tickets: 6, agreeing: 6, effect: { right: 6, wrong: -6 } });
    expect(sparren?.z).toBeLessThan(0);
    // Neither a function word nor a cue InScope knows already is suggested.
    expect(changes.map((c) => c.cue)).not.toContain('de');
    expect(changes.map((c) => c.cue)).not.toContain('sinds');
    // Nor a pair around a known cue, which would only outweigh it.
    expect(changes.map((c) => c.cue)).not.toContain('jullie advies');
    expect(changes.map((c) => `${c.change} ${c.kind} ${c.cue}`)).toEqual(['remove how-to advies', 'add defect hapert', 'add how-to sparren']);
    expect(after).toEqual({ right: 25, wrong: 0, review: 0, incomplete: 0 });
  });

  it('writes a suggestion the config loader loads, and that decides as it said', async () => {
    const { changes, after } = await tune();
    const text = editKindsConfig(CONFIG, path.join(dir, 'coverage.yaml'), changes);
    // Only the kinds section changes, in the config language of docs/configuration.md.
    expect(text).toBe(CONFIG.replace('kinds:\n', 'kinds:\n  how-to: { add: [sparren], remove: [advies] }\n  defect: { add: [hapert] }\n'));
    const tuned = parseConfig(text, path.join(dir, 'tuned.yaml'));
    expect(tuned.config.kinds).toEqual({ 'how-to': { add: ['sparren'], remove: ['advies'] }, defect: { add: ['hapert'] }, learned: false });
    loaded = tuned;
    try {
      const again = await tune();
      expect(again.grades).toEqual(after);
      expect(again.changes).toEqual([]);
    } finally {
      loaded = await loadConfig(path.join(dir, 'coverage.yaml'));
    }
  });

  it('suggests nothing that rests on fewer tickets than the minimum', async () => {
    const seven = await tune(7);
    expect(seven.changes.map((c) => c.cue)).toEqual(['advies']);
    const eight = await tune(8);
    expect(eight.changes).toEqual([]);
    // The disagreements are still listed: the minimum is for suggestions.
    expect(eight.cues[0]?.cue).toBe('advies');
  });
});
