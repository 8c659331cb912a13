// Contracts must name products and modules that exist: a misspelt product ("payrol") would never
// match the product found in a ticket, and the contract would silently not cover it. With a
// catalogue, products and modules are its ids; without one, the canonical values of
// `facts.product.words` and `facts.module.words` when those are given (else nothing can be checked).
import { normalizeText } from '../../rules/index.js';
import { namesOf } from '../../rules/catalogue-facts.js';
import type { CoverageConfig } from './config-schema.js';
import { closestMatch } from './describe-value.js';

type Path = readonly PropertyKey[];
export type AddIssue = (path: Path, message: string, related?: Path) => void;

const MAX_LISTED = 12;

/** `: did you mean "payroll"? expected one of finance, payroll, …` (the engine compares normalised). */
function suggest(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  const listed = candidates.length > MAX_LISTED ? `${candidates.slice(0, MAX_LISTED).join(', ')}, …` : candidates.join(', ');
  const hint = match === undefined ? '' : ` did you mean "${match}"?`;
  return `:${hint} expected one of ${listed}`;
}

const has = (candidates: readonly string[], word: string) => candidates.some((c) => normalizeText(c) === normalizeText(word));

export function checkProducts(config: CoverageConfig, add: AddIssue): void {
  const catalogue = config.products;
  const modulesOf = new Map<string, readonly string[]>();
  let products: readonly string[] | undefined;
  let anyModules: readonly string[] | undefined;
  if (catalogue !== undefined) {
    const seen = new Map<string, Path>();
    catalogue.forEach((p, i) => {
      const first = seen.get(normalizeText(p.id));
      if (first === undefined) seen.set(normalizeText(p.id), ['products', i, 'id']);
      else add(['products', i, 'id'], `duplicate product id "${p.id}": ids must be unique`, first);
      const modules = new Map<string, Path>();
      p.modules?.forEach((m, k) => {
        const earlier = modules.get(normalizeText(m.id));
        if (earlier === undefined) modules.set(normalizeText(m.id), ['products', i, 'modules', k, 'id']);
        else add(['products', i, 'modules', k, 'id'], `duplicate module id "${m.id}" in product ${p.id}: ids must be unique`, earlier);
      });
      for (const n of namesOf(p)) if (!modulesOf.has(normalizeText(n))) modulesOf.set(normalizeText(n), (p.modules ?? []).map((m) => m.id));
    });
    products = catalogue.map((p) => p.id);
    anyModules = [...new Set(catalogue.flatMap((p) => (p.modules ?? []).map((m) => m.id)))];
    // Word lists of their own must give catalogue ids, or the product found could never be covered.
    for (const [fact, ids, what] of [['product', products, 'product'], ['module', anyModules, 'module']] as const) {
      for (const value of Object.keys(config.facts[fact]?.words ?? {})) {
        if (!has(ids, value)) add(['facts', fact, 'words', value], `unknown ${what} "${value}"${suggest(value, ids)} (the catalogue's ${what} ids)`);
      }
    }
  } else {
    const words = (fact: string) => {
      const w = config.facts[fact]?.words;
      return w === undefined ? undefined : Object.keys(w);
    };
    products = words('product');
    anyModules = words('module');
  }

  config.contracts.forEach((c, i) => c.products.forEach((p, j) => {
    const at: Path = ['contracts', i, 'products', j];
    if (products !== undefined && !has(products, p.product)) {
      add([...at, 'product'], `unknown product "${p.product}" in contract ${c.id}${suggest(p.product, products)}`);
      return;
    }
    const modules = catalogue === undefined ? anyModules : modulesOf.get(normalizeText(p.product));
    if (modules === undefined) return;
    p.modules?.forEach((m, k) => {
      if (has(modules, m)) return;
      add([...at, 'modules', k], modules.length === 0
        ? `unknown module "${m}" of product ${p.product} in contract ${c.id}: the catalogue lists no modules for ${p.product}`
        : `unknown module "${m}" of product ${p.product} in contract ${c.id}${suggest(m, modules)}`);
    });
  }));
}
