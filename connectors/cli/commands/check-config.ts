// `inscope check-config`: validates the coverage config and prints a one-line summary.
import { EXIT } from '../cli-error.js';
import { loadCliConfig } from '../load-cli-config.js';
import { parseCommandArgs } from '../parse-command-args.js';

export async function checkConfigCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { config: { type: 'string', short: 'c' } });
  const { loaded } = await loadCliConfig(values.config);
  process.stdout.write(`${loaded.file}: ok, ${loaded.summary}\n`);
  return EXIT.ok;
}
