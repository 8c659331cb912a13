// `inscope init`: writes a commented starter config from the vendor's products list and contracts
// CSV (see connectors/init/), checked by the same loader as every config before it is written.
import fs from 'node:fs';
import { ConfigError } from '../../config/config-error.js';
import { parseConfig } from '../../config/load-config.js';
import { didYouMean } from '../../config/describe-value.js';
import { CsvError, parseContractsCsv } from '../../init/parse-contracts-csv.js';
import { readProducts } from '../../init/read-products.js';
import { writeStarterConfig } from '../../init/write-starter-config.js';
import { CliError, EXIT } from '../cli-error.js';
import { parseCommandArgs } from '../parse-command-args.js';

function read(file: string | undefined, flag: string): string {
  if (file === undefined) throw new CliError(`${flag} FILE is required`, EXIT.usage);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder, expected a file' : (error as Error).message}`, EXIT.invalid);
  }
}

/** The starter config text; throws CliError naming the file and line of a bad input. */
export function initConfig(values: { readonly [K in 'products' | 'contracts' | 'vendor' | 'timeZone' | 'currency' | 'rate' | 'locale']?: string | undefined }): string {
  try {
    const products = readProducts(read(values.products, '--products'), values.products as string);
    const contracts = parseContractsCsv(read(values.contracts, '--contracts'), values.contracts as string);
    const known = new Map(products.map((p) => [p.id, new Set((p.modules ?? []).map((m) => m.id))]));
    for (const c of contracts) {
      for (const p of c.products) {
        const modules = known.get(p.product);
        if (modules === undefined) throw new CsvError(`${values.contracts}:${c.line}: contract ${c.id} names product "${p.product}"${didYouMean(p.product, [...known.keys()])}; expected one of ${[...known.keys()].join(', ')}`);
        for (const m of p.modules ?? []) {
          if (!modules.has(m)) throw new CsvError(`${values.contracts}:${c.line}: contract ${c.id} names module "${m}" of ${p.product}${didYouMean(m, [...modules])}; expected one of ${[...modules].join(', ') || '(no modules)'}`);
        }
      }
    }
    // The rate billed where a contract names none: a guess here would price proposals wrongly.
    if (values.rate === undefined) throw new CliError('--rate N is required: the hourly rate for customers whose contract names none', EXIT.usage);
    const rate = Number(values.rate);
    if (!Number.isFinite(rate) || rate <= 0) throw new CliError(`--rate must be a number above 0, got "${values.rate}"`, EXIT.usage);
    const locale = values.locale ?? 'nl';
    if (locale !== 'nl' && locale !== 'en') throw new CliError(`--locale must be nl or en, got "${locale}"`, EXIT.usage);
    const text = writeStarterConfig(products, contracts, {
      vendor: values.vendor ?? 'Your company', timeZone: values.timeZone ?? 'Europe/Amsterdam', currency: values.currency ?? 'EUR', hourlyRate: rate, locale,
    });
    parseConfig(text, 'starter config');
    return text;
  } catch (error) {
    if (error instanceof CsvError) throw new CliError(error.message, EXIT.invalid);
    if (error instanceof ConfigError) throw new CliError(`the starter config does not validate (please report this):\n${error.message}`, EXIT.invalid);
    throw error;
  }
}

export async function initCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    products: { type: 'string', short: 'p' },
    contracts: { type: 'string', short: 'c' },
    vendor: { type: 'string' },
    'time-zone': { type: 'string' },
    currency: { type: 'string' },
    rate: { type: 'string' },
    locale: { type: 'string' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  });
  const text = initConfig({ ...values, timeZone: values['time-zone'] });
  if (values.out === undefined) {
    process.stdout.write(text);
    return EXIT.ok;
  }
  if (fs.existsSync(values.out) && values.force !== true) throw new CliError(`${values.out} exists; pass --force to replace it`, EXIT.usage);
  fs.writeFileSync(values.out, text);
  process.stdout.write(`wrote ${values.out}; next: inscope check-config --config ${values.out}\n`);
  return EXIT.ok;
}
