// `inscope simulate`: triages every ticket under a path with the config, streams one row per
// ticket and ends with the summary (outcomes, rules, budgets, agreement with people's choices).
import fs from 'node:fs';
import path from 'node:path';
import type { ContractDefinition, Locale } from '../../../rules/index.js';
import { readTickets } from '../../input/read-tickets.js';
import { formatSummary } from '../../simulate/format-summary.js';
import { CSV_COLUMNS, TABLE_HEADER, toCsvLine, toTableLine, toVerdictRow } from '../../simulate/format-verdict-row.js';
import { addToSummary, createSimulationSummary } from '../../simulate/simulation-summary.js';
import { createBufferedWriter } from '../buffered-writer.js';
import { CliError, EXIT } from '../cli-error.js';
import { loadCliConfig, projectRoot } from '../load-cli-config.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { createProgress } from '../progress-bar.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export async function simulateCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    config: { type: 'string', short: 'c' },
    tickets: { type: 'string', short: 't' },
    format: { type: 'string', short: 'f', default: 'table' },
    out: { type: 'string', short: 'o' },
    locale: { type: 'string', default: 'en' },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, got "${values.format}"`, EXIT.usage);
  const locale = values.locale as Locale;
  if (locale !== 'en' && locale !== 'nl') throw new CliError(`--locale must be en or nl, got "${values.locale}"`, EXIT.usage);
  const ticketsPath = values.tickets ?? path.join(projectRoot, 'examples', 'tickets');
  if (!fs.existsSync(ticketsPath)) throw new CliError(`tickets not found: ${ticketsPath}`, EXIT.invalid);

  const { loaded, engine } = await loadCliConfig(values.config);
  const contracts = new Map<string, ContractDefinition>(loaded.config.contracts.map((c) => [c.id, c]));
  // Opened synchronously so that a folder or a missing directory is an error here, with its path,
  // rather than an unhandled 'error' event from the stream later.
  const outStream = values.out ? fs.createWriteStream(values.out, { fd: fs.openSync(values.out, 'w') }) : process.stdout;
  const rows = createBufferedWriter(outStream);
  // With rows on stdout in a machine format, the summary goes to stderr so the output stays parseable.
  const summaryStream = format !== 'table' && !values.out ? process.stderr : process.stdout;

  if (format === 'csv') await rows.write(CSV_COLUMNS.join(','));
  if (format === 'table') await rows.write(TABLE_HEADER);

  const summary = createSimulationSummary();
  const progress = createProgress();
  const started = performance.now();
  let sourceFile = '';
  let sourcePrefix = '';
  for await (const record of readTickets(ticketsPath, { helpdesks: loaded.config.helpdesks })) {
    if ('kind' in record) {
      summary.skipped++;
      summary.problems.push(`${record.file}${record.record !== undefined ? ` record ${record.record}` : ''}: ${record.message}`);
      continue;
    }
    // Every ticket of a page comes from the same file: its relative path is worked out once per file.
    if (record.source.file !== sourceFile) {
      sourceFile = record.source.file;
      sourcePrefix = `${path.relative(process.cwd(), sourceFile) || sourceFile}#`;
    }
    const source = sourcePrefix + record.source.record;
    let verdict;
    try {
      verdict = engine.triage(record.item);
    } catch (error) {
      // The engine refuses malformed input (e.g. a creation date it cannot read): skip, name it, go on.
      summary.skipped++;
      summary.problems.push(`${record.source.file} record ${record.source.record}: ${(error as Error).message}`);
      continue;
    }
    addToSummary(summary, { item: record.item, verdict, source, observed: record.observed }, contracts, loaded.config.defaults.timeZone);
    const row = toVerdictRow(record.item, verdict, source, locale, record.observed);
    await rows.write(format === 'json' ? JSON.stringify(row) : format === 'csv' ? toCsvLine(row) : toTableLine(row));
    progress.tick(summary.total);
  }
  const elapsed = performance.now() - started;
  progress.done();
  await rows.end();
  if (values.out) await new Promise<void>((resolve, reject) => (outStream as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));

  summaryStream.write(`\nConfig ${loaded.file} (${loaded.summary})\n`);
  summaryStream.write(formatSummary(summary, elapsed));
  return summary.skipped > 0 ? EXIT.skipped : EXIT.ok;
}
