// `--limit N` of the backfill commands: a whole number of 1 or more, or absent.
import { CliError, EXIT } from './cli-error.js';

export function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`--limit: expected a whole number of 1 or more, got "${raw}"`, EXIT.usage);
  return n;
}
