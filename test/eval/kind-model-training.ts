// The labelled corpus as training data for the covered-or-not model (rules/kind-model.ts): the
// customer's own text of each ticket and whether its labelled kind is one a contract covers.
import fs from 'node:fs';
import { readTickets, type HelpdeskMappings } from '../../connectors/input/read-tickets.js';
import { trainKindModel, type TrainingExample } from '../../connectors/learn/train-kind-model.js';
import { catalogueFacts } from '../../rules/catalogue-facts.js';
import { modelFeatures, type KindModel } from '../../rules/kind-model.js';
import { ownText } from '../../rules/mail-text.js';
import type { Label } from './evaluate-corpus.js';
import { starterConfig } from './starter-config.js';

/** Cross-validation folds: ticket i is in fold i mod FOLDS. */
export const FOLDS = 5;
/** The kinds a support contract covers, per the procedure. */
const COVERED_KINDS: ReadonlySet<string> = new Set(['defect', 'new-version']);

export interface LabelledText {
  readonly subject: string;
  readonly body: string;
  readonly covered: boolean;
}

/** The example world's product words: what the engine leaves out of the model's features. */
export function exampleProductNames(): string[] {
  const { config } = starterConfig();
  const words = catalogueFacts(config.facts, config.products).defs['product']?.words ?? {};
  return [...Object.keys(words), ...Object.values(words).flat()];
}

export async function labelledTexts(files: readonly string[], helpdesks: HelpdeskMappings): Promise<LabelledText[]> {
  const out: LabelledText[] = [];
  for (const file of files) {
    const labels = JSON.parse(fs.readFileSync(file.replace(/\.json$/, '.labels.json'), 'utf8')) as Record<string, Label>;
    for await (const record of readTickets(file, { helpdesks })) {
      if ('kind' in record) throw new Error(`${record.file}: ${record.message}`);
      const label = labels[record.item.id];
      if (label !== undefined) out.push({ subject: record.item.subject, body: ownText(record.item.description), covered: COVERED_KINDS.has(label.kind) });
    }
  }
  return out;
}

export function trainOn(texts: readonly LabelledText[], skip: ReadonlySet<string>, trainedOn: string): KindModel {
  const examples: TrainingExample[] = texts.map((t) => ({ features: modelFeatures(t.subject, t.body, skip), covered: t.covered }));
  return trainKindModel(examples, { trainedOn });
}

