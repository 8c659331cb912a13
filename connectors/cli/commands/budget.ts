// `inscope budget report --month YYYY-MM [--since YYYY-MM] [--org ID] [--format table|csv|html|json] [--out FILE]`:
// the monthly statement per organization from the store's ledger and the config's caps, then quoted
// versus actual over the months from --since (default: the twelve months ending with --month). In
// shadow mode the proposals shadow mode made count as committed, and the statement is labelled so.
import fs from 'node:fs/promises';
import { actualsSinceProblem, defaultActualsFrom, loadActualsReport } from '../../reports/load-actuals-report.js';
import { loadBudgetReport } from '../../reports/load-budget-report.js';
import { actualsToJson, actualsToTable } from '../../reports/render-actuals-report.js';
import { toCsv, toHtml, toTable } from '../../reports/render-budget-report.js';
import { describeValue } from '../../config/describe-value.js';
import { isReportMonth, REPORT_MONTH_HINT } from '../../reports/report-month.js';
import { serviceMode } from '../../server/service-mode.js';
import { openStore } from '../../store/open-store.js';
import { readCliSettings } from '../read-cli-settings.js';
import { CliError, EXIT } from '../cli-error.js';
import { loadCliConfig } from '../load-cli-config.js';
import { parseCommandArgs } from '../parse-command-args.js';

const FORMATS = ['table', 'csv', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];

export async function budgetCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    config: { type: 'string', short: 'c' },
    month: { type: 'string' },
    since: { type: 'string' },
    org: { type: 'string' },
    format: { type: 'string', default: 'table' },
    out: { type: 'string' },
  }, 1);
  const [sub] = positionals;
  if (sub !== 'report') throw new CliError(`unknown budget command "${sub ?? ''}": use inscope budget report --month YYYY-MM`, EXIT.usage);
  if (values.month === undefined) throw new CliError(`--month is required: ${REPORT_MONTH_HINT}`, EXIT.usage);
  // The date options' style (parse-iso-instant.ts) and the config's: what was expected, what came.
  if (!isReportMonth(values.month)) throw new CliError(`--month: expected a month YYYY-MM such as 2026-11, got ${describeValue(values.month)}`, EXIT.usage);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}`, EXIT.usage);
  const month = values.month;
  const since = values.since ?? defaultActualsFrom(month);
  const sinceProblem = actualsSinceProblem(since, month);
  if (sinceProblem !== null) throw new CliError(`--since: ${sinceProblem}`, EXIT.usage);

  // With a tenants file the tenant's own config and store (INSCOPE_TENANT); --config still wins.
  const settings = readCliSettings();
  const { loaded } = await loadCliConfig(values.config ?? settings.configFile);
  const store = await openStore(settings.databaseUrl);
  let text: string;
  try {
    await store.migrate();
    // In shadow mode (as `serve` would run with these settings) the proposals it made count as committed.
    const shadow = serviceMode(loaded.config.connector.mode, settings) === 'shadow';
    const rows = await loadBudgetReport(store, loaded.config, month, values.org, { shadow });
    // CSV stays the statement alone, one header and one row per organization, as spreadsheets expect.
    const actuals = format === 'csv' ? null : await loadActualsReport(store, { from: since, to: month, organization: values.org });
    if (values.org !== undefined && rows.length === 0 && !actuals?.total.accepted) {
      throw new CliError(`no organization or contract "${values.org}" with a budget or proposals in ${month}`, EXIT.invalid);
    }
    if (actuals === null) text = toCsv(rows);
    else if (format === 'html') text = toHtml(rows, month, { shadow, actuals });
    else if (format === 'json') text = `${JSON.stringify({ month, statement: rows, actuals: actualsToJson(actuals) }, null, 2)}\n`;
    else text = `${toTable(rows, month, { shadow })}\n${actualsToTable(actuals)}`;
  } finally {
    await store.close();
  }
  if (values.out !== undefined) await fs.writeFile(values.out, text);
  else process.stdout.write(text);
  return EXIT.ok;
}
