// `inscope triage`: the verdict for the ticket(s) in one file, with the trace in words or as JSON.
import fs from 'node:fs';
import type { Locale } from '../../../rules/index.js';
import { readTickets } from '../../input/read-tickets.js';
import { CliError, EXIT } from '../cli-error.js';
import { loadCliConfig } from '../load-cli-config.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { renderVerdict } from '../render-verdict.js';

export async function triageCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    config: { type: 'string', short: 'c' },
    json: { type: 'boolean', default: false },
    locale: { type: 'string', default: 'en' },
  }, Number.POSITIVE_INFINITY);
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError('expected exactly one ticket file: inscope triage [--config FILE] TICKET.json [--json]', EXIT.usage);
  if (!fs.existsSync(file)) throw new CliError(`ticket file not found: ${file}`, EXIT.invalid);
  const locale = values.locale as Locale;
  if (locale !== 'en' && locale !== 'nl') throw new CliError(`--locale must be en or nl, got "${values.locale}"`, EXIT.usage);

  const { loaded, engine } = await loadCliConfig(values.config);
  let problems = 0;
  let triaged = 0;
  for await (const record of readTickets(file, { helpdesks: loaded.config.helpdesks })) {
    if ('kind' in record) {
      problems++;
      process.stderr.write(`${record.file}${record.record !== undefined ? ` record ${record.record}` : ''}: ${record.message}\n`);
      continue;
    }
    let verdict;
    try {
      verdict = engine.triage(record.item);
    } catch (error) {
      problems++;
      process.stderr.write(`${record.source.file} record ${record.source.record}: ${(error as Error).message}\n`);
      continue;
    }
    triaged++;
    const source = `${record.source.file}#${record.source.record}`;
    process.stdout.write(
      values.json ? JSON.stringify({ ticket: record.item.id, source, verdict: { ...verdict, facts: verdict.facts, kind: verdict.kind, trace: verdict.trace } }, null, 2) + '\n' : (triaged > 1 ? '\n' : '') + renderVerdict(record.item, verdict, source, locale),
    );
  }
  if (triaged === 0 && problems === 0) throw new CliError(`no tickets found in ${file}`, EXIT.invalid);
  return problems > 0 ? EXIT.skipped : EXIT.ok;
}
