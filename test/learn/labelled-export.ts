// A vendor's history as `inscope learn` reads it: the Zendesk development pages of the evaluation
// corpus with the Category field (examples/coverage.yaml: 360001000001, option tags call and
// advisory) set as people would have set it from each label. A ticket labelled incomplete was never
// categorised, so it carries no category.
import fs from 'node:fs';
import path from 'node:path';
import type { Label } from '../eval/evaluate-corpus.js';

const root = path.resolve(import.meta.dirname, '../..');
export const CATEGORY_FIELD = 360001000001;
export const EXPORT_SOURCES = ['dev-zendesk-h', 'dev-zendesk-k', 'dev-zendesk-m'];

interface Page {
  tickets: { id: number; custom_fields?: { id: number; value: string | null }[] }[];
}

/** Writes one list page per corpus file under `dir`; returns how many tickets got each category. */
export function writeLabelledExport(dir: string): { call: number; advisory: number; none: number } {
  const counts = { call: 0, advisory: 0, none: 0 };
  for (const name of EXPORT_SOURCES) {
    const page = JSON.parse(fs.readFileSync(path.join(root, 'test/eval/corpus', `${name}.json`), 'utf8')) as Page;
    const labels = JSON.parse(fs.readFileSync(path.join(root, 'test/eval/corpus', `${name}.labels.json`), 'utf8')) as Record<string, Label>;
    for (const ticket of page.tickets) {
      const outcome = labels[String(ticket.id)]?.outcome;
      const category = outcome === 'covered' ? 'call' : outcome === 'advisory' ? 'advisory' : undefined;
      counts[category ?? 'none']++;
      if (category === undefined) continue;
      ticket.custom_fields = [...(ticket.custom_fields ?? []).filter((f) => f.id !== CATEGORY_FIELD), { id: CATEGORY_FIELD, value: category }];
    }
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(page));
  }
  return counts;
}
