// The contracts list an administrator already keeps, as CSV: one row per contract. Columns, in
// any order, by header (case- and space-insensitive):
//   contract (id), organization (name), match (an organization id, @domain, a name, several separated by
//   ";", or empty = the name),
//   products ("finance >=9.0; payroll >=7.0", modules in brackets: "finance 10.x [ledger reporting]"),
//   from, until (YYYY-MM-DD, until may be empty), rate, monthly budget ("20 h" or "4000"),
//   time zone, level, currency, auto approve (yes/no), vat (a percentage such as 21, 9 or 0, or
//   "reverse charge" / "verlegd"; empty: the config's proposals.vatPercent).
// Errors name the file, line and column of the cell.

import { isVersionRange } from '../config/scalar-schemas.js';
import { satisfiable } from '../../rules/version-range.js';

export interface ContractRow {
  readonly line: number;
  readonly id: string;
  readonly organization: string;
  readonly match: { readonly organizationIds?: string[]; readonly organizationNames?: string[]; readonly emailDomains?: string[] };
  readonly products: readonly { readonly product: string; readonly versions?: string[]; readonly modules?: string[] }[];
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly hourlyRate?: number;
  readonly monthlyBudget?: { readonly hours?: number; readonly amount?: number };
  readonly timeZone?: string;
  readonly level: string;
  readonly currency?: string;
  readonly autoApprove?: boolean;
  readonly vatPercent?: number;
  readonly reverseCharge?: true;
}

export class CsvError extends Error {}

/** RFC 4180 records with the line each starts on; quoted cells may hold commas, quotes and newlines. */
function records(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const delimiter = (text.split('\n', 1)[0] ?? '').split(';').length > (text.split('\n', 1)[0] ?? '').split(',').length ? ';' : ',';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell.trim());
      if (cells.some((c) => c !== '')) out.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += ch;
  }
  cells.push(cell.trim());
  if (cells.some((c) => c !== '')) out.push({ line: start, cells });
  return out;
}

const COLUMNS = {
  contract: ['contract', 'id', 'contract id'],
  organization: ['organization', 'organisation', 'organisatie', 'customer', 'klant', 'name'],
  match: ['match', 'organization id', 'org id', 'domain'],
  products: ['products', 'producten', 'product'],
  from: ['from', 'valid from', 'start', 'van'],
  until: ['until', 'valid until', 'end', 'tot'],
  rate: ['rate', 'hourly rate', 'uurtarief', 'tarief'],
  budget: ['monthly budget', 'budget', 'maandbudget'],
  timeZone: ['time zone', 'timezone', 'tijdzone'],
  level: ['level', 'niveau', 'sla'],
  currency: ['currency', 'valuta'],
  autoApprove: ['auto approve', 'autoapprove'],
  vat: ['vat', 'btw', 'vat percent', 'vat %', 'btw %'],
} as const;

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseProducts(cell: string, where: string): ContractRow['products'] {
  const products = cell.split(/[;\n]/).map((p) => p.trim()).filter((p) => p !== '');
  if (products.length === 0) throw new CsvError(`${where}: expected at least one product, such as "finance >=9.0"`);
  // "haven 25.4; haven >=26.2": one product with either range, written as one entry.
  const merged: ContractRow['products'][number][] = [];
  for (const entry of products.map((p) => parseProduct(p, where))) {
    const same = merged.findIndex((m) => m.product === entry.product && (m.modules ?? []).join() === (entry.modules ?? []).join());
    const seen = merged[same];
    if (seen === undefined) merged.push(entry);
    else {
      // Either range: both; an entry without one covers every version.
      const { versions: _seen, ...rest } = seen;
      merged[same] = seen.versions !== undefined && entry.versions !== undefined ? { ...rest, versions: [...seen.versions, ...entry.versions] } : rest;
    }
  }
  return merged;
}

function parseProduct(p: string, where: string): ContractRow['products'][number] {
  const modules = /\[([^\]]*)\]/.exec(p);
  const rest = p.replace(/\[[^\]]*\]/, '').trim().split(/\s+/);
  const [product, ...versions] = rest;
  if (product === undefined || product === '') throw new CsvError(`${where}: expected a product id in "${p}"`);
  const range = versions.join(' ');
  if (versions.length > 0 && !isVersionRange(range)) {
    // "kassa >=R24.2": the config compares numbers; a letter before them is how tickets write them.
    const bare = range.replace(/(^|\s)(>=|<=|>|<|=)?[a-z]+\.?\s*(?=\d)/gi, '$1$2');
    const hint = bare !== range && isVersionRange(bare) ? ` (write the numbers only: "${product} ${bare}")` : '';
    throw new CsvError(`${where}: expected a version such as "9.2", "9.x" or ">=8.0 <10" after ${product}, got "${range}"${hint}`);
  }
  if (versions.length > 1 && !satisfiable(range)) {
    // "haven 25.4 >=26.2": every comparator must hold, so no version does; the admin meant either.
    throw new CsvError(`${where}: no version is ${versions.join(' and ')} at once, so "${product} ${range}" covers nothing; for either, list the product once per range: "${rangesOf(versions).map((v) => `${product} ${v}`).join('; ')}"`);
  }
  return {
    product: product.toLowerCase(),
    ...(versions.length > 0 && { versions: [range] }),
    ...(modules?.[1] !== undefined && { modules: modules[1].split(/[\s,]+/).filter((m) => m !== '').map((m) => m.toLowerCase()) }),
  };
}

/**
 * The ranges an administrator wrote run together: a new one starts at each bound from below once
 * the current one has its own (">=2.7 <3 >=3.2" is ">=2.7 <3" and ">=3.2", not three ranges).
 */
function rangesOf(bounds: readonly string[]): string[] {
  const out: string[][] = [];
  for (const b of bounds) {
    const from = !b.startsWith('<');
    const current = out.at(-1);
    if (current === undefined || (from && current.some((c) => !c.startsWith('<')))) out.push([b]);
    else current.push(b);
  }
  return out.map((r) => r.join(' '));
}

function parseNumber(cell: string, where: string): number {
  const n = Number(cell.replace(/[€$£\s]/g, '').replace(/,(\d{1,2})$/, '.$1'));
  if (!Number.isFinite(n) || n <= 0) throw new CsvError(`${where}: expected a number above 0, got "${cell}"`);
  return n;
}

const REVERSE_CHARGE = /^(?:(?:btw|vat)\s+)?(?:reverse[\s-]*charged?|verlegd)$/;

/** The vat cell: a percentage (21, "21%", "5,5"), or reverse charge ("reverse charge", "verlegd", "btw verlegd"). */
function parseVat(cell: string, where: string): Pick<ContractRow, 'vatPercent' | 'reverseCharge'> {
  const words = norm(cell);
  if (REVERSE_CHARGE.test(words)) return { reverseCharge: true };
  const n = /^\d+(?:[.,]\d+)?\s*%?$/.test(cell.trim()) ? Number(cell.replace(/[%\s]/g, '').replace(',', '.')) : NaN;
  if (!Number.isFinite(n) || n > 100 || Math.abs(Math.round(n * 100) - n * 100) > 1e-6) {
    throw new CsvError(`${where}: expected a VAT percentage from 0 to 100 with at most two decimals (such as 21, 9 or 0), or "reverse charge" / "verlegd", got "${cell}"`);
  }
  return { vatPercent: n };
}

/**
 * The match cell: an organization id, an @domain, a name, or several separated by ";" (a Zendesk
 * and a JSM organization id, or an id and a domain); empty matches the organization's name.
 */
function parseMatch(cell: string, organization: string): ContractRow['match'] {
  const organizationIds: string[] = [];
  const emailDomains: string[] = [];
  const organizationNames: string[] = [];
  for (const value of cell.split(';').map((v) => v.trim()).filter((v) => v !== '')) {
    if (/^\d+$/.test(value)) organizationIds.push(value);
    else if (value.startsWith('@') || /^[\w-]+(?:\.[\w-]+)+$/.test(value)) emailDomains.push(value.replace(/^@/, '').toLowerCase());
    else organizationNames.push(value);
  }
  if (organizationIds.length + emailDomains.length + organizationNames.length === 0) organizationNames.push(organization);
  return {
    ...(organizationIds.length > 0 && { organizationIds }),
    ...(emailDomains.length > 0 && { emailDomains }),
    ...(organizationNames.length > 0 && { organizationNames }),
  };
}

/** Parses the contracts CSV; `file` names it in errors. */
export function parseContractsCsv(text: string, file: string): ContractRow[] {
  const [header, ...rows] = records(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (header === undefined) throw new CsvError(`${file}: the file is empty; expected a header line such as "contract,organization,match,products,from,until,rate,monthly budget"`);
  const index = new Map<keyof typeof COLUMNS, number>();
  header.cells.forEach((name, i) => {
    const key = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).find((k) => (COLUMNS[k] as readonly string[]).includes(norm(name)));
    if (key === undefined) throw new CsvError(`${file}:${header.line}:${i + 1}: unknown column "${name}"; expected ${Object.values(COLUMNS).map((c) => c[0]).join(', ')}`);
    index.set(key, i);
  });
  for (const required of ['organization', 'products', 'from'] as const) {
    if (!index.has(required)) throw new CsvError(`${file}:${header.line}: missing column "${required}"`);
  }
  const ids = new Set<string>();
  return rows.map((row, r) => {
    const cell = (key: keyof typeof COLUMNS) => {
      const i = index.get(key);
      return i === undefined ? '' : row.cells[i] ?? '';
    };
    const at = (key: keyof typeof COLUMNS) => `${file}:${row.line}:${(index.get(key) ?? 0) + 1} (${COLUMNS[key][0]})`;
    const organization = cell('organization');
    if (organization === '') throw new CsvError(`${at('organization')}: expected the organization's name`);
    const match = cell('match');
    const id = cell('contract') || `C-${String(r + 1).padStart(3, '0')}`;
    if (ids.has(id)) throw new CsvError(`${at('contract')}: duplicate contract id "${id}"`);
    ids.add(id);
    const from = cell('from');
    if (!DATE.test(from)) throw new CsvError(`${at('from')}: expected a date YYYY-MM-DD, got "${from}"`);
    const until = cell('until');
    if (until !== '' && !DATE.test(until)) throw new CsvError(`${at('until')}: expected a date YYYY-MM-DD or nothing (open-ended), got "${until}"`);
    const budget = cell('budget');
    const rate = cell('rate');
    const auto = norm(cell('autoApprove'));
    const vat = cell('vat');
    return {
      line: row.line,
      id,
      organization,
      match: parseMatch(match, organization),
      products: parseProducts(cell('products'), at('products')),
      validFrom: from,
      ...(until !== '' && { validUntil: until }),
      ...(rate !== '' && { hourlyRate: parseNumber(rate, at('rate')) }),
      ...(budget !== '' && {
        monthlyBudget: /h(?:ours?|ourly|rs?|uur|uren)?\s*$/i.test(budget) || /\buur|uren|hours?\b/i.test(budget)
          ? { hours: parseNumber(budget.replace(/[a-z]+/gi, ''), at('budget')) }
          : { amount: parseNumber(budget, at('budget')) },
      }),
      ...(cell('timeZone') !== '' && { timeZone: cell('timeZone') }),
      level: cell('level') || 'standard',
      ...(cell('currency') !== '' && { currency: cell('currency').toUpperCase() }),
      ...(auto !== '' && { autoApprove: ['yes', 'ja', 'true', 'y', 'j', '1'].includes(auto) }),
      ...(vat !== '' && parseVat(vat, at('vat'))),
    };
  });
}
