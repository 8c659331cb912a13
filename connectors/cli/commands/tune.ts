// `inscope tune`: where the config's request kinds disagree with the categories people set in a
// history, and the cue changes that history suggests, as a diff of the config for the admin to
// review. Nothing is applied; `--out` writes the suggested config (checked by the config loader
// first) or, for a .diff or .patch file, the diff.
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../config/config-error.js';
import { compileOptions, parseConfig } from '../../config/load-config.js';
import { editKindsConfig } from '../../learn/edit-kinds-config.js';
import { formatTuneReport } from '../../learn/format-tune-report.js';
import { tuneKinds } from '../../learn/tune-kinds.js';
import { unifiedDiff } from '../../learn/unified-diff.js';
import { compileRules } from '../../../rules/index.js';
import { CliError, EXIT } from '../cli-error.js';
import { loadCliConfig } from '../load-cli-config.js';
import { parseCommandArgs } from '../parse-command-args.js';

const MAX_SHOWN_PROBLEMS = 10;
const DEFAULT_MIN_COUNT = 5;

/** The suggested config loads as the config it changes does; a problem here is InScope's, not the admin's. */
function check(text: string, file: string): void {
  try {
    parseConfig(text, file);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`the suggested config does not load (please report this):\n${error.message}`, EXIT.invalid);
    throw error;
  }
}

export async function tuneCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    config: { type: 'string', short: 'c' },
    tickets: { type: 'string', short: 't' },
    out: { type: 'string', short: 'o' },
    'min-count': { type: 'string', default: String(DEFAULT_MIN_COUNT) },
    folds: { type: 'string', default: '5' },
  });
  if (values.tickets === undefined) throw new CliError('--tickets PATH is required: the export to tune on', EXIT.usage);
  const minTickets = Number(values['min-count']);
  if (!Number.isInteger(minTickets) || minTickets < 1) throw new CliError(`--min-count must be a whole number of at least 1, got "${values['min-count']}"`, EXIT.usage);
  const folds = Number(values.folds);
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) throw new CliError(`--folds must be a whole number from 2 to 20, got "${values.folds}"`, EXIT.usage);
  if (!fs.existsSync(values.tickets)) throw new CliError(`tickets not found: ${values.tickets}`, EXIT.invalid);

  const { loaded } = await loadCliConfig(values.config);
  const options = compileOptions(loaded);
  const result = await tuneKinds({ ticketsPath: values.tickets, config: loaded.config, compile: (config) => compileRules(config, options), minTickets, folds });
  for (const problem of result.problems.slice(0, MAX_SHOWN_PROBLEMS)) process.stderr.write(`skipped ${problem}\n`);
  if (result.problems.length > MAX_SHOWN_PROBLEMS) process.stderr.write(`… and ${result.problems.length - MAX_SHOWN_PROBLEMS} more\n`);
  if (result.examples === 0) {
    throw new CliError(`no ticket in ${values.tickets} has both a category people set and an active contract: nothing to tune on `
      + `(${result.skipped.withoutCategory} without a category: is the category field mapped under helpdesks in ${loaded.file}?)`, EXIT.invalid);
  }

  const before = fs.readFileSync(loaded.file, 'utf8');
  const after = editKindsConfig(before, loaded.file, result.changes);
  check(after, loaded.file);
  const relative = path.relative(process.cwd(), loaded.file);
  const name = relative.startsWith('..') || path.isAbsolute(relative) ? loaded.file : relative;
  const diff = unifiedDiff(before, after, name);

  process.stdout.write(`Config ${loaded.file} (${loaded.summary})\n`);
  process.stdout.write(formatTuneReport(result, minTickets));
  if (diff !== '') process.stdout.write(`\nAs a change to the config (review it; nothing was changed):\n${diff}`);
  if (values.out !== undefined) {
    const asDiff = /\.(?:diff|patch)$/i.test(values.out);
    if (!asDiff) check(after, path.resolve(values.out));
    fs.writeFileSync(values.out, asDiff ? diff : after);
    process.stdout.write(`\nWrote ${values.out}: ${asDiff ? 'the diff' : 'the config with the suggested cue changes'} (${result.changes.length} change${result.changes.length === 1 ? '' : 's'}).\n`);
  }
  return result.skipped.unreadable > 0 ? EXIT.skipped : EXIT.ok;
}
