// A config's text with cue changes made in its `kinds` section, in the config language of
// docs/configuration.md (`kinds: { <kind>: { add: [...], remove: [...] } }`), touching nothing else:
// the admin reviews a diff of a few lines, comments and layout kept. A cue the config itself added is
// taken out of its `add` rather than listed under `remove` as well.
import { isMap, isScalar, parseDocument, stringify, type Pair, type YAMLMap } from 'yaml';
import { readConfigDocument } from '../config/read-config-document.js';
import type { RequestKind } from '../../rules/model.js';
import type { KindTuning } from '../../rules/rules-config.js';
import { changedKinds, type CueChange, type CueTuning } from './apply-cue-changes.js';

/** `[a, "yes"]`: a YAML flow list, quoted where a plain scalar would read as something else. */
const flowList = (items: readonly string[]): string => stringify(items, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim();

function renderTuning(t: CueTuning): string {
  const parts = (['add', 'remove'] as const).filter((k) => (t[k]?.length ?? 0) > 0).map((k) => `${k}: ${flowList(t[k] as string[])}`);
  return `{ ${parts.join(', ')} }`.replace('{  }', '{}');
}

const renderValue = (value: unknown): string => stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();

export function editKindsConfig(text: string, file: string, changes: readonly CueChange[]): string {
  if (changes.length === 0) return text;
  const data = readConfigDocument(text, file).data as Record<string, unknown>;
  const kinds = (data['kinds'] ?? {}) as Record<string, unknown>;
  const changed = changedKinds(kinds as KindTuning, changes);
  if (file.toLowerCase().endsWith('.json')) {
    return `${JSON.stringify({ ...data, kinds: { ...kinds, ...Object.fromEntries(changed) } }, null, 2)}\n`;
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const bom = source === text ? '' : '\uFEFF';
  const doc = parseDocument(source);
  const root = doc.contents as YAMLMap;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'kinds') as Pair<{ range: [number, number, number] }, unknown> | undefined;
  const lines = (entries: [string, string][], indent: string) => entries.map(([k, v]) => `${indent}${k}: ${v}\n`).join('');

  if (pair === undefined) {
    const block = `kinds:\n${lines([...changed].map(([k, t]) => [k, renderTuning(t)]), '  ')}`;
    return `${bom}${source}${source.endsWith('\n') ? '' : '\n'}\n${block}`;
  }
  const keyEnd = pair.key.range[1];
  const value = pair.value;
  if (!isMap(value) || value.flow === true || value.items.length === 0) {
    // `kinds:` empty or a flow mapping: written again as a block, its other settings kept.
    const entries: [string, string][] = Object.entries(kinds).filter(([k]) => !changed.has(k as RequestKind)).map(([k, v]) => [k, renderValue(v)]);
    for (const [k, t] of changed) entries.push([k, renderTuning(t)]);
    const end = isMap(value) || isScalar(value) ? (value.range as [number, number, number])[1] : keyEnd;
    const body = lines(entries, '  ');
    // What followed the old value (its newline, a comment) follows the new one.
    return `${bom}${source.slice(0, keyEnd)}:\n${source.slice(keyEnd, end).endsWith('\n') ? body : body.slice(0, -1)}${source.slice(end)}`;
  }
  // A block mapping: each changed kind's value replaced in place, a new kind put first.
  const first = value.items[0] as Pair<{ range: [number, number, number] }, unknown>;
  const firstKey = first.key.range[0];
  const indent = ' '.repeat(firstKey - source.lastIndexOf('\n', firstKey - 1) - 1);
  const edits: { from: number; to: number; text: string }[] = [];
  const added: string[] = [];
  for (const [kind, t] of changed) {
    const own = value.items.find((p) => isScalar(p.key) && p.key.value === kind) as Pair<{ range: [number, number, number] }, { range: [number, number, number] } | null> | undefined;
    if (own === undefined) {
      added.push(`${kind}: ${renderTuning(t)}\n${indent}`);
      continue;
    }
    const from = own.key.range[1];
    const to = own.value?.range[1] ?? from;
    edits.push({ from, to, text: `: ${renderTuning(t)}${source.slice(from, to).endsWith('\n') ? '\n' : ''}` });
  }
  if (added.length > 0) edits.push({ from: firstKey, to: firstKey, text: added.join('') });
  let out = source;
  for (const e of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return bom + out;
}
