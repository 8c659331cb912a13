// Thin wrapper over node:util parseArgs that turns its errors into usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from './cli-error.js';

export function parseCommandArgs<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: options ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
}
