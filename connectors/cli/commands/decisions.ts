// `inscope decisions list|show`: the audit log's decisions from the service's store (SQLite or
// PostgreSQL, DATABASE_URL as for `serve`), with the category, status, tags and comment each one
// set, or in shadow mode would have set. Filters run in the store, so a long log stays cheap.
import { decisionsToCsv, decisionsToTable, decisionToText, toDecisionRow } from '../../reports/format-decisions.js';
import { openStore } from '../../store/open-store.js';
import type { AuditKind, ListAuditOptions } from '../../store/store.js';
import { readCliSettings } from '../read-cli-settings.js';
import { CliError, EXIT } from '../cli-error.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { parseLimit } from '../parse-limit.js';
import { parseTimeOption } from '../parse-time-option.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const OUTCOMES = ['incomplete', 'covered', 'advisory', 'review'];
/** What the worker records per decision: a decision, or the path guard acting on one. */
const DECISION_KINDS: readonly AuditKind[] = ['decision', 'guard'];
const USAGE = 'use inscope decisions list [--outcome O] [--rule ID] [--org ORG] [--ticket ID] [--since DATE] [--until DATE] [--limit N] [--format table|json|csv], or inscope decisions show ID';

export async function decisionsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    outcome: { type: 'string' },
    rule: { type: 'string' },
    org: { type: 'string' },
    ticket: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    limit: { type: 'string' },
    format: { type: 'string', default: 'table' },
  }, Number.POSITIVE_INFINITY);
  const [sub, id, ...extra] = positionals;
  if (sub !== 'list' && sub !== 'show') throw new CliError(`unknown decisions command "${sub ?? ''}": ${USAGE}`, EXIT.usage);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}`, EXIT.usage);

  let options: ListAuditOptions;
  if (sub === 'show') {
    const entryId = Number(id);
    if (id === undefined || extra.length > 0 || !/^[1-9][0-9]{0,15}$/.test(id)) throw new CliError(`usage: inscope decisions show ID (the id from inscope decisions list)`, EXIT.usage);
    if (format === 'csv') throw new CliError('--format for show must be table or json', EXIT.usage);
    options = { id: entryId, kinds: DECISION_KINDS, limit: 1 };
  } else {
    if (id !== undefined) throw new CliError(`unexpected argument "${id}": ${USAGE}`, EXIT.usage);
    if (values.outcome !== undefined && !OUTCOMES.includes(values.outcome)) throw new CliError(`--outcome must be one of ${OUTCOMES.join(', ')}`, EXIT.usage);
    const since = values.since === undefined ? undefined : parseTimeOption('since', values.since);
    const until = values.until === undefined ? undefined : parseTimeOption('until', values.until, { endOfDay: true });
    if (since !== undefined && until !== undefined && until <= since) throw new CliError(`--until must be after --since`, EXIT.usage);
    options = {
      kinds: DECISION_KINDS,
      limit: parseLimit(values.limit) ?? 50,
      ...(values.outcome !== undefined && { outcome: values.outcome }),
      ...(values.rule !== undefined && { rule: values.rule }),
      ...(values.org !== undefined && { organization: values.org }),
      ...(values.ticket !== undefined && { ticketId: values.ticket }),
      ...(since !== undefined && { since }),
      ...(until !== undefined && { until }),
    };
  }

  // With a tenants file, the store of the tenant INSCOPE_TENANT names.
  const store = await openStore(readCliSettings().databaseUrl);
  let text: string;
  try {
    await store.migrate();
    const entries = await store.listAudit(options);
    if (sub === 'show') {
      const [entry] = entries;
      if (!entry) throw new CliError(`no decision ${id} in the audit log`, EXIT.invalid);
      const row = toDecisionRow(entry);
      text = format === 'json' ? `${JSON.stringify({ ...row, entry }, null, 2)}\n` : decisionToText(row, entry);
    } else {
      const rows = entries.map(toDecisionRow);
      text = format === 'json' ? rows.map((r) => `${JSON.stringify(r)}\n`).join('') : format === 'csv' ? decisionsToCsv(rows) : decisionsToTable(rows);
    }
  } finally {
    await store.close();
  }
  process.stdout.write(text);
  return EXIT.ok;
}
