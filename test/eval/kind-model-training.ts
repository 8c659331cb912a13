// The labelled corpus as training data for the covered-or-not model (rules/kind-model.ts): the
// customer's own text of each ticket and whether its labelled kind is one a contract covers. How a
// ticket becomes features is connectors/learn's, shared with `inscope learn`.
import fs from 'node:fs';
import { readTickets, type HelpdeskMappings } from '../../connectors/input/read-tickets.js';
import { labelledText, productNames, type LabelledText } from '../../connectors/learn/labelled-text.js';
import { COVERED_KINDS } from '../../rules/kind-model.js';
import type { RequestKind } from '../../rules/index.js';
import type { Label } from './evaluate-corpus.js';
import { starterConfig } from './starter-config.js';

export { trainOn, type LabelledText } from '../../connectors/learn/labelled-text.js';

/** Cross-validation folds: ticket i is in fold i mod FOLDS. */
export const FOLDS = 5;

/** The example world's product words: what the engine leaves out of the model's features. */
export function exampleProductNames(): string[] {
  return productNames(starterConfig().config);
}

export async function labelledTexts(files: readonly string[], helpdesks: HelpdeskMappings): Promise<LabelledText[]> {
  const out: LabelledText[] = [];
  for (const file of files) {
    const labels = JSON.parse(fs.readFileSync(file.replace(/\.json$/, '.labels.json'), 'utf8')) as Record<string, Label>;
    for await (const record of readTickets(file, { helpdesks })) {
      if ('kind' in record) throw new Error(`${record.file}: ${record.message}`);
      const label = labels[record.item.id];
      if (label !== undefined) out.push(labelledText(record.item, COVERED_KINDS.has(label.kind as RequestKind)));
    }
  }
  return out;
}
