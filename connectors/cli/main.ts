// The `inscope` command line: dispatches to one module per command and maps failures to exit codes.
import { CliError, EXIT } from './cli-error.js';
import { SettingsError } from '../shared/settings-error.js';
import { explainConnectionError } from './explain-connection-error.js';
import { explainFsError } from './explain-fs-error.js';

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  init: async () => (await import('./commands/init.js')).initCommand,
  'check-config': async () => (await import('./commands/check-config.js')).checkConfigCommand,
  triage: async () => (await import('./commands/triage.js')).triageCommand,
  simulate: async () => (await import('./commands/simulate.js')).simulateCommand,
  learn: async () => (await import('./commands/learn.js')).learnCommand,
  tune: async () => (await import('./commands/tune.js')).tuneCommand,
  schema: async () => (await import('./commands/schema.js')).schemaCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  jobs: async () => (await import('./commands/jobs.js')).jobsCommand,
  budget: async () => (await import('./commands/budget.js')).budgetCommand,
  decisions: async () => (await import('./commands/decisions.js')).decisionsCommand,
  migrate: async () => (await import('./commands/migrate.js')).migrateCommand,
  zendesk: async () => (await import('./commands/zendesk.js')).zendeskCommand,
  jira: async () => (await import('./commands/jira.js')).jiraCommand,
};

const usage = `Usage: inscope <command> [options]

Commands:
  init --products FILE --contracts FILE --rate N [--vendor NAME] [--locale nl|en] [--currency EUR]
          [--time-zone ZONE] [--out FILE]  write a commented starter config from your products and contracts
  check-config [[--config] FILE]           validate the coverage config
  triage [--config FILE] TICKET.json [--json]   the verdict for one ticket, with its trace
  triage [--config FILE] --text TEXT [--subject S] [--org ID] [--email ADDRESS] [--created ISO]
                                           the verdict for a ticket written on the command line
  simulate [--config FILE] [--tickets PATH] [--format table|json|csv] [--out FILE]
                                           triage many tickets and summarise
  learn --tickets PATH [--config FILE] --out FILE [--folds N]
                                           train the request-kind model on your tickets' categories, with its cross-validation
  tune --tickets PATH [--config FILE] [--out FILE] [--min-count N] [--folds N]
                                           the cue words and rules that disagree with your tickets' categories, and cue changes as a config diff
  schema                                   print the config's JSON Schema
  serve [--config FILE] [--port N]         run the webhook service (shadow mode without Zendesk credentials)
  jobs list [--state S] | show ID | retry ID   inspect the durable queue and its dead letters
  budget report --month YYYY-MM [--org ID] [--format table|csv|html]   the month's proposals and budgets per organization
  decisions list [--outcome O] [--rule ID] [--org ORG] [--ticket ID] [--since DATE] [--until DATE] [--limit N] [--format table|json|csv]
                                           the decisions in the audit log, with the change each set (or would set, in shadow mode)
  decisions show ID [--format table|json]  one decision in full: reason, change, comment and proposal
  migrate                                  apply the store's pending migrations (also done on start)
  zendesk setup [--dry-run]                create or check the Category field, statuses and webhook
  zendesk backfill --since DATE [--dry-run] [--limit N]   triage or queue the open tickets since DATE
  jira setup [--dry-run] [--project KEY]   check or create the Category field, workflow statuses and signed webhook
  jira backfill --jql QUERY [--dry-run] [--limit N]   triage or queue the Jira requests a JQL query finds

The config defaults to $INSCOPE_CONFIG, else examples/coverage.yaml.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage + '\n');
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`inscope: unknown command "${name}"\n\n${usage}\n`);
    return EXIT.usage;
  }
  // "inscope init --help": the command's own lines of the usage, not an unknown-option error.
  if (rest.includes('--help') || rest.includes('-h')) {
    const own: string[] = [];
    for (const l of usage.split('\n')) {
      if (l.startsWith(`  ${name} `) || l === `  ${name}` || (own.length > 0 && own.at(-1) !== '' && l.startsWith('        '))) own.push(l);
      else if (own.length > 0 && own.at(-1) !== '') own.push('');
    }
    process.stdout.write(`${own.filter((l) => l !== '').join('\n')}\n\n${usage.split('\n').at(-1) ?? ''}\n`);
    return EXIT.ok;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`inscope ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    // A path the user named that cannot be read or written, a database that does not answer, a
    // setting that is wrong: the user's mistake, said in one line, not a crash.
    const problem = error instanceof SettingsError ? error.message : (explainFsError(error) ?? explainConnectionError(error));
    if (problem !== undefined) {
      process.stderr.write(`inscope ${name}: ${problem}\n`);
      return EXIT.invalid;
    }
    throw error;
  }
}

// "inscope check-config … | head -1": the reader has what it wanted and closed the pipe; stop
// writing quietly, as the shell's own tools do, instead of a stack trace for an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
