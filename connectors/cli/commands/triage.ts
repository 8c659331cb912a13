// `inscope triage`: the verdict for the ticket(s) in one file, with the trace in words or as JSON.
import fs from 'node:fs';
import type { Locale, WorkItem } from '../../../rules/index.js';
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
    text: { type: 'string' },
    subject: { type: 'string' },
    org: { type: 'string' },
    email: { type: 'string' },
    created: { type: 'string' },
  }, Number.POSITIVE_INFINITY);
  const locale = values.locale as Locale;
  if (locale !== 'en' && locale !== 'nl') throw new CliError(`--locale must be en or nl, got "${values.locale}"`, EXIT.usage);
  // An administrator trying wording against the config before any ticket exists: "which product,
  // version and kind would this sentence give, and which contract?".
  if (values.text !== undefined || values.subject !== undefined) {
    if (positionals.length > 0) throw new CliError('give either a ticket file or --text, not both', EXIT.usage);
    const item = textItem(values);
    const { engine } = await loadCliConfig(values.config);
    const verdict = engine.triage(item);
    process.stdout.write(values.json ? JSON.stringify({ ticket: item.id, source: '--text', verdict: { ...verdict, facts: verdict.facts, kind: verdict.kind, trace: verdict.trace } }, null, 2) + '\n' : renderVerdict(item, verdict, '--text', locale));
    return EXIT.ok;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError('expected exactly one ticket file: inscope triage [--config FILE] TICKET.json [--json], or --text TEXT [--subject S] [--org ID] [--email ADDRESS] [--created ISO]', EXIT.usage);
  if (!fs.existsSync(file)) throw new CliError(`ticket file not found: ${file}`, EXIT.invalid);

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

/** The ticket an administrator describes on the command line; created now unless --created says when. */
function textItem(values: { readonly text?: string | undefined; readonly subject?: string | undefined; readonly org?: string | undefined; readonly email?: string | undefined; readonly created?: string | undefined }): WorkItem {
  const createdAt = values.created ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(createdAt)) || !/^\d{4}-\d{2}-\d{2}T/.test(createdAt)) throw new CliError(`--created must be an ISO 8601 instant such as 2026-12-01T09:00:00Z, got "${createdAt}"`, EXIT.usage);
  return {
    id: 'text', subject: values.subject ?? '', description: values.text ?? '', createdAt, tags: [], fields: {}, attachments: [],
    ...(values.org !== undefined && { organizationId: values.org }),
    ...(values.email !== undefined && { requesterEmail: values.email }),
  };
}
