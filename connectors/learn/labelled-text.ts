// What the covered-or-not model (rules/kind-model.ts) learns from: the customer's own text of a
// ticket, as the engine reads it when it asks the model (subject and ownText of the description),
// and whether its kind is one a contract covers. Shared by `inscope learn` and the built-in model's
// training (test/eval/), so both turn a ticket into the same features.
import { catalogueFacts } from '../../rules/catalogue-facts.js';
import { modelFeatures, type KindModel } from '../../rules/kind-model.js';
import { itemOwnText } from '../../rules/mail-text.js';
import type { RulesConfig } from '../../rules/rules-config.js';
import type { WorkItem } from '../../rules/model.js';
import { trainKindModel, type TrainingExample, type TrainingOptions } from './train-kind-model.js';

export interface LabelledText {
  readonly subject: string;
  readonly body: string;
  readonly covered: boolean;
}

export function labelledText(item: Pick<WorkItem, 'subject' | 'description' | 'requesterEmail'>, covered: boolean): LabelledText {
  return { subject: item.subject, body: itemOwnText(item), covered };
}

export function trainingExample(text: LabelledText, skip: ReadonlySet<string>): TrainingExample {
  return { features: modelFeatures(text.subject, text.body, skip), covered: text.covered };
}

export function trainOn(texts: readonly LabelledText[], skip: ReadonlySet<string>, trainedOn: string, options: Omit<TrainingOptions, 'trainedOn'> = {}): KindModel {
  return trainKindModel(texts.map((t) => trainingExample(t, skip)), { ...options, trainedOn });
}

/** A config's product names and their words: what the engine leaves out of the model's features. */
export function productNames(config: Pick<RulesConfig, 'facts' | 'products'>): string[] {
  const facts = catalogueFacts(config.facts, config.products);
  // Every word naming a product, its modules' words among them, as the engine leaves out (compile-rules.ts).
  const words = facts.productNames ?? facts.defs['product']?.words ?? {};
  return [...Object.keys(words), ...Object.values(words).flat()];
}
