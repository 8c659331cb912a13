// The products list for `inscope init`: YAML or JSON, a list of { id, name, aliases, modules }.
import { parse } from 'yaml';
import type { CatalogueEntry } from './write-starter-config.js';
import { CsvError } from './parse-contracts-csv.js';

const ID = /^[a-z0-9][a-z0-9_-]*$/;

export function readProducts(text: string, file: string): CatalogueEntry[] {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new CsvError(`${file}: not YAML or JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(value) || value.length === 0) throw new CsvError(`${file}: expected a list of products, each { id, name, aliases, modules }`);
  return value.map((p: unknown, i) => {
    const entry = p as Partial<CatalogueEntry> | null;
    const where = `${file}: product ${i + 1}`;
    if (entry === null || typeof entry !== 'object' || typeof entry.id !== 'string' || !ID.test(entry.id)) {
      throw new CsvError(`${where}: expected an id of lower-case letters, digits, - and _ (such as finance)`);
    }
    if (typeof entry.name !== 'string' || entry.name.trim() === '') throw new CsvError(`${where} (${entry.id}): expected a name`);
    for (const m of entry.modules ?? []) {
      if (typeof m?.id !== 'string' || !ID.test(m.id)) throw new CsvError(`${where} (${entry.id}): expected each module as { id, aliases }`);
    }
    if (entry.versioned !== undefined && typeof entry.versioned !== 'boolean') throw new CsvError(`${where} (${entry.id}): expected versioned: true or false, got ${JSON.stringify(entry.versioned)}`);
    const patterns = entry.versionPatterns;
    if (patterns !== undefined && (!Array.isArray(patterns) || patterns.some((v) => typeof v?.pattern !== 'string' || (v.version !== undefined && typeof v.version !== 'string') || (v.caseSensitive !== undefined && typeof v.caseSensitive !== 'boolean')))) {
      throw new CsvError(`${where} (${entry.id}): expected versionPatterns as a list of { pattern: '…', version: '$1.$2', caseSensitive: true }`);
    }
    if (entry.prereleases !== undefined && entry.prereleases !== 'covered' && entry.prereleases !== 'not-covered') {
      throw new CsvError(`${where} (${entry.id}): expected prereleases: covered or not-covered (whether a contract covering its versions covers a release candidate or beta among them), got ${JSON.stringify(entry.prereleases)}`);
    }
    if (entry.versioned === false && entry.prereleases !== undefined) {
      throw new CsvError(`${where} (${entry.id}): versioned: false has no versions, so no pre-releases either: remove prereleases, or remove versioned: false`);
    }
    if (entry.versioned === false && patterns !== undefined) {
      throw new CsvError(`${where} (${entry.id}): versioned: false has no version to read, so it takes no versionPatterns: remove them (its version is never asked, so another maker's numbers in its tickets do no harm), or remove versioned: false`);
    }
    return {
      id: entry.id, name: entry.name, aliases: (entry.aliases ?? []).map(String), modules: entry.modules ?? [],
      ...(entry.versioned === false && { versioned: false }),
      ...(entry.prereleases !== undefined && { prereleases: entry.prereleases }),
      ...(patterns !== undefined && { versionPatterns: patterns.map((v) => ({ pattern: v.pattern, ...(v.version !== undefined && { version: v.version }), ...(v.caseSensitive === true && { caseSensitive: true }) })) }),
    };
  });
}
