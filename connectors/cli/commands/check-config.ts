// `inscope check-config`: validates the coverage config and prints a one-line summary.
import { configNotes } from '../../config/config-notes.js';
import { estimatorRequests } from '../../learn/model-file.js';
import { CliError, EXIT } from '../cli-error.js';
import { loadCliConfig } from '../load-cli-config.js';
import { parseCommandArgs } from '../parse-command-args.js';

export async function checkConfigCommand(argv: string[]): Promise<number> {
  // `check-config FILE` is how an admin first tries it: the same as --config FILE.
  const { values, positionals } = parseCommandArgs(argv, { config: { type: 'string', short: 'c' } }, 1);
  if (values.config !== undefined && positionals[0] !== undefined) throw new CliError(`two configs given ("${values.config}" and "${positionals[0]}"): name one`, EXIT.usage);
  const { loaded } = await loadCliConfig(values.config ?? positionals[0]);
  process.stdout.write(`${loaded.file}: ok, ${loaded.summary}\n`);
  for (const note of configNotes(loaded.config)) process.stdout.write(`note: ${note}\n`);
  const { model } = loaded;
  if (model !== undefined) {
    const off = loaded.config.kinds?.learned === false ? ' (not used: kinds.learned is false)' : '';
    process.stdout.write(`model: ${model.name}, ${Object.keys(model.model.weights).length} features, trained on ${model.model.trainedOn}${off}\n`);
    if (model.model.estimator !== undefined) {
      process.stdout.write(`hour estimator: ${estimatorRequests(model.model)} requests with logged hours in ${model.model.estimator.groups.length} product and kind group${model.model.estimator.groups.length === 1 ? '' : 's'}`
        + ` (at least ${loaded.config.proposals.minSimilarRequests} similar requests, else the rule's estimateHours)\n`);
    }
  }
  return EXIT.ok;
}
