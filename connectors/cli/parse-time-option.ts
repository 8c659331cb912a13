// A command's time option (--since, --until): strict ISO 8601, a date `YYYY-MM-DD` (UTC) or an
// instant with its offset, `YYYY-MM-DDTHH:MM[:SS[.sss]](Z|±HH:MM)`. Date.parse would read
// `01-10-2026` as 10 January and `2026` as a year, so nothing else is guessed.
import { isRealDate } from '../config/scalar-schemas.js';
import { CliError, EXIT } from './cli-error.js';

const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const DAY_MS = 86_400_000;

export const TIME_OPTION_HINT = 'expected a date YYYY-MM-DD (UTC) or an instant such as 2026-11-02T08:00:00Z or 2026-11-02T09:00+01:00';

/**
 * Epoch ms of the option's value. A bare date is the start of that UTC day, or with `endOfDay` the
 * start of the next one, so that `--until 2026-11-30` includes the 30th.
 */
export function parseTimeOption(name: string, value: string, options: { readonly endOfDay?: boolean } = {}): number {
  const fail = () => new CliError(`--${name} "${value}" is not valid: ${TIME_OPTION_HINT}`, EXIT.usage);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (!isRealDate(value)) throw fail();
    return Date.parse(`${value}T00:00:00Z`) + (options.endOfDay ? DAY_MS : 0);
  }
  const match = INSTANT.exec(value);
  if (!match || !isRealDate(match[1]!)) throw fail();
  return Date.parse(value);
}
