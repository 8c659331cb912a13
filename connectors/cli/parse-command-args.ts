// Thin wrapper over node:util parseArgs that turns its errors into usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from './cli-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `positionals`: how many bare arguments the command takes (a subcommand, an id). One more is a
 * mistake said out loud, not ignored: `check-config my.yaml` once checked the default config and
 * said "ok".
 */
export function parseCommandArgs<const O extends Options>(argv: string[], options: O, positionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
  const extra = parsed.positionals.slice(positionals);
  if (extra.length > 0) {
    const first = extra[0] as string;
    const hint = Object.hasOwn(options, 'config') && /\.ya?ml$/i.test(first) ? `; to use it as the config: --config ${first}` : '';
    throw new CliError(`unexpected argument "${first}"${hint}`, EXIT.usage);
  }
  return parsed;
}
