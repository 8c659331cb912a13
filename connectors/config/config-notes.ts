// What a valid config may still do that its administrator did not mean, said by `inscope
// check-config` as notes: the config loads and decides, but a proposal or a verdict would surprise.
// Notes, not errors: configs that load today keep loading.
import type { RulesConfig } from '../../rules/index.js';
import { REQUEST_KINDS, cueKey, silencedByCatalogue } from '../../rules/classify-kind.js';
import { KIND_CUES } from '../../rules/kind-cues.js';

/** Each kind's built-in cue words, as `remove` names them (cueKey). */
function builtInCues(): Map<string, Set<string>> {
  const cues = new Map<string, Set<string>>();
  for (const list of KIND_CUES) {
    let set = cues.get(list.kind);
    if (set === undefined) cues.set(list.kind, (set = new Set()));
    for (const cue of list.cues.split('|')) set.add(cueKey(cue));
  }
  return cues;
}

export function configNotes(config: RulesConfig): string[] {
  const notes: string[] = [];
  const { defaults } = config;
  for (const c of config.contracts) {
    // A GBP contract without its own rate would be quoted the default rate as pounds.
    if (c.currency !== undefined && c.currency !== defaults.currency && c.hourlyRate === undefined) {
      notes.push(`contract ${c.id} is in ${c.currency} but names no hourlyRate: its proposals use defaults.hourlyRate (${defaults.hourlyRate}) as ${c.currency} ${defaults.hourlyRate} an hour`);
    }
  }
  // estimateHours prices a proposal, and a rule with proposal: none makes none.
  for (const r of config.coverage) {
    if (r.proposal === 'none' && r.estimateHours !== undefined) {
      notes.push(`coverage rule ${r.id} has proposal: none, so its estimateHours (${r.estimateHours}) prices nothing: an agent's proposal (Convert in the sidebar) takes the agent's hours`);
    }
  }
  // Without a rule that asks for the module, a defect that names none is covered under a contract
  // for some of a product's modules ("an absent module is not held against the customer").
  const limited = config.contracts.filter((c) => c.products.some((p) => p.modules !== undefined));
  const asksModule = config.completeness.some((r) => JSON.stringify(r.require).includes('"fact":"module"'));
  if (limited.length > 0 && !asksModule) {
    notes.push(`contract${limited.length === 1 ? '' : 's'} ${limited.map((c) => c.id).join(', ')} cover${limited.length === 1 ? 's' : ''} only some modules, and no completeness rule asks for the module: a defect that names none is decided as if in a covered module (add a rule with ask: when-it-decides to ask the customer, or ask: never to have a person decide; see docs/configuration.md, completeness rules)`);
  }
  // `remove` takes away a built-in cue of that kind; any other word takes nothing away (an admin
  // who meant to keep a word from counting for a kind may have meant another kind, or `add`).
  if (config.kinds !== undefined) {
    const builtIn = builtInCues();
    for (const kind of REQUEST_KINDS) {
      for (const word of config.kinds[kind]?.remove ?? []) {
        const key = cueKey(word);
        if (builtIn.get(kind)?.has(key) === true) continue;
        const elsewhere = REQUEST_KINDS.filter((k) => builtIn.get(k)?.has(key) === true);
        notes.push(`kinds.${kind}.remove "${word}" is no built-in cue of ${kind}, so it removes nothing`
          + (elsewhere.length > 0 ? `: it is one of ${elsewhere.join(', ')} (kinds.${elsewhere[0]}.remove)` : ': remove takes the cue words the trace shows among the cues that fired; to make a word count for another kind, add it there'));
      }
    }
  }
  // A built-in cue of a kind other than a defect that is one of the catalogue's words does not count
  // (classify-kind.ts): "verlenging" of a library's loans is no contract renewal. Said, so that the
  // administrator who wants it to count for its kind after all knows to add it.
  const catalogue = new Set((config.products ?? []).flatMap((p) => [p.id, p.name ?? '', ...(p.aliases ?? []), ...(p.modules ?? []).flatMap((m) => [m.id, m.name ?? '', ...(m.aliases ?? [])])]).map(cueKey).filter((w) => w !== ''));
  if (catalogue.size > 0) {
    const silenced = new Map<string, string[]>();
    for (const list of KIND_CUES) {
      for (const cue of list.cues.split('|')) {
        if (!silencedByCatalogue(list.kind, cue, catalogue)) continue;
        const word = cueKey(cue);
        if (config.kinds?.[list.kind]?.add?.some((a) => cueKey(a) === word) === true) continue;
        const words = silenced.get(list.kind) ?? [];
        if (!words.includes(word)) silenced.set(list.kind, [...words, word]);
      }
    }
    for (const [kind, words] of silenced) {
      notes.push(`the catalogue names ${words.map((w) => `"${w}"`).join(', ')}, built-in cue${words.length === 1 ? '' : 's'} of ${kind}: in your tickets ${words.length === 1 ? 'it names' : 'they name'} a part of the product, so ${words.length === 1 ? 'it does' : 'they do'} not count for ${kind} (add ${words.length === 1 ? 'it' : 'them'} under kinds.${kind}.add if ${words.length === 1 ? 'it' : 'they'} should)`);
    }
  }
  return notes;
}
