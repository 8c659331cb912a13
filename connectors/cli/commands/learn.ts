// `inscope learn`: trains the covered-or-not model on the vendor's own tickets (the category people
// set is the truth), prints its k-fold cross-validation beside the cues alone and the built-in
// model, and writes the model file a config names with `model:`.
import fs from 'node:fs';
import { formatLearnReport } from '../../learn/format-learn-report.js';
import { ExportChangedError, learnKindModel } from '../../learn/learn-kind-model.js';
import { renderModelFile } from '../../learn/model-file.js';
import { CliError, EXIT } from '../cli-error.js';
import { loadCliConfig } from '../load-cli-config.js';
import { parseCommandArgs } from '../parse-command-args.js';

const MAX_SHOWN_PROBLEMS = 10;

export async function learnCommand(argv: string[], now: () => Date = () => new Date()): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    config: { type: 'string', short: 'c' },
    tickets: { type: 'string', short: 't' },
    out: { type: 'string', short: 'o' },
    folds: { type: 'string', default: '5' },
  });
  if (values.tickets === undefined) throw new CliError('--tickets PATH is required: the export to learn from', EXIT.usage);
  if (values.out === undefined) throw new CliError('--out FILE is required: where to write the model', EXIT.usage);
  const folds = Number(values.folds);
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) throw new CliError(`--folds must be a whole number from 2 to 20, got "${values.folds}"`, EXIT.usage);
  if (!fs.existsSync(values.tickets)) throw new CliError(`tickets not found: ${values.tickets}`, EXIT.invalid);

  const { loaded } = await loadCliConfig(values.config);
  let result;
  try {
    result = await learnKindModel({ ticketsPath: values.tickets, config: loaded.config, configHash: loaded.hash, source: values.tickets, folds, now });
  } catch (error) {
    if (error instanceof ExportChangedError) throw new CliError(error.message, EXIT.invalid);
    throw error;
  }
  for (const problem of result.problems.slice(0, MAX_SHOWN_PROBLEMS)) process.stderr.write(`skipped ${problem}\n`);
  if (result.problems.length > MAX_SHOWN_PROBLEMS) process.stderr.write(`… and ${result.problems.length - MAX_SHOWN_PROBLEMS} more\n`);
  if (result.examples === 0) {
    throw new CliError(`no ticket in ${values.tickets} has both a category people set and an active contract: nothing to learn from `
      + `(${result.skipped.withoutCategory} without a category: is the category field mapped under helpdesks in ${loaded.file}?)`, EXIT.invalid);
  }
  fs.writeFileSync(values.out, renderModelFile(result.model));
  process.stdout.write(`Config ${loaded.file} (${loaded.summary})\n`);
  process.stdout.write(formatLearnReport(result, values.out));
  return result.skipped.unreadable > 0 ? EXIT.skipped : EXIT.ok;
}
