// The product catalogue as the `product` and `module` facts. A product is named in a ticket by its
// id, name or an alias; a module likewise, looked for among the modules of the product found (any
// product's when none is), so that a word one product's module uses does not give another
// product's module. A `facts.product` or `facts.module` with its own words or pattern wins: the
// admin has said how to find it.
import { normalizeKey, normalizeText } from './normalize-text.js';
import type { CatalogueProduct, FactDefinition } from './rules-config.js';

export type WordList = Readonly<Record<string, readonly string[]>>;

/** A fact whose word list depends on the value another fact found first. */
export interface ScopedWords {
  readonly by: string;
  /** Normalised value of `by` → the words to use; any other value, or none: the fact's own words. */
  readonly words: ReadonlyMap<string, WordList>;
  /**
   * Normalised value → the value of `by` it belongs to, for values of one owner only: a module
   * found while no product is ("de bonprinter snijdt het logo af") names its product.
   */
  readonly owners?: ReadonlyMap<string, string>;
}

export interface CatalogueFacts {
  /** The fact definitions, `product` and `module` first when a catalogue is given. */
  readonly defs: Readonly<Record<string, FactDefinition>>;
  readonly scoped: Readonly<Record<string, ScopedWords>>;
  /**
   * Every word that names each product, its modules' words among them: what the version is looked
   * for next to and what the kind model leaves out, though the product fact weighs module words
   * through the module.
   */
  readonly productNames?: WordList;
  /**
   * Per fact (product, module), each value's own names: its id and catalogue name, which weigh as
   * naming it ("Haven Chauffeur" for the id chauffeur-app), where an alias only points to it.
   */
  readonly ownNames?: Readonly<Record<string, WordList>>;
  /**
   * Each product's name without the words every product's name starts with ("Chauffeur" of "Haven
   * Chauffeur"): followed by a version number ("Chauffeur 5.2.0") it names the product, though
   * alone it may be an everyday word the administrator kept out of the aliases.
   */
  readonly versionNames?: WordList;
}

interface Named {
  readonly id: string;
  readonly name?: string;
  readonly aliases?: readonly string[];
}

/** The words that name a product or module: id and name always count. */
export function namesOf(x: Named): string[] {
  return [...new Set([x.id, ...(x.name === undefined ? [] : [x.name]), ...(x.aliases ?? [])])];
}

const usesCatalogue = (def: FactDefinition | undefined): boolean => def?.words === undefined && def?.pattern === undefined;

function addWords(list: Record<string, string[]>, item: Named): void {
  const names = namesOf(item);
  const known = Object.hasOwn(list, item.id) ? list[item.id] : undefined;
  if (known === undefined) list[item.id] = names;
  else for (const n of names) if (!known.includes(n)) known.push(n);
}

export function catalogueFacts(defs: Readonly<Record<string, FactDefinition>>, products: readonly CatalogueProduct[] | undefined): CatalogueFacts {
  if (products === undefined) return { defs, scoped: {} };
  const { product, module, ...rest } = defs;
  const productWords: Record<string, string[]> = {};
  const allModules: Record<string, string[]> = {};
  const modulesOf = new Map<string, WordList>();
  const owners = new Map<string, string | null>();
  /** Each module word → the one product whose modules use it, or null when several do. */
  const wordOwners = new Map<string, string | null>();
  for (const p of products) {
    addWords(productWords, p);
    const own: Record<string, string[]> = {};
    for (const m of p.modules ?? []) {
      const key = normalizeKey(m.id);
      owners.set(key, owners.has(key) && owners.get(key) !== p.id ? null : p.id);
      for (const n of namesOf(m)) {
        const word = normalizeText(n);
        wordOwners.set(word, wordOwners.has(word) && wordOwners.get(word) !== p.id ? null : p.id);
      }
      addWords(own, m);
      addWords(allModules, m);
    }
    // An alias two products share names the first, as it does in the text.
    for (const n of namesOf(p)) if (!modulesOf.has(normalizeText(n))) modulesOf.set(normalizeText(n), own);
  }
  // A product alias that is a word of one of its own modules ("verlof" for HRM's leave module)
  // names a feature, which another product may show ("verlof aanvragen via de portal"): it counts
  // through the module, which names its product when no product is named (see owners).
  const productNames: WordList = Object.fromEntries(Object.entries(productWords).map(([k, v]) => [k, [...v]]));
  for (const p of products) {
    const names = new Set([p.id, p.name ?? ''].map((n) => normalizeText(n)));
    const list = productWords[p.id];
    if (list !== undefined) productWords[p.id] = list.filter((w) => names.has(normalizeText(w)) || wordOwners.get(normalizeText(w)) !== p.id);
  }
  const scoped: Record<string, ScopedWords> = {};
  const out: Record<string, FactDefinition> = {
    product: usesCatalogue(product) ? { ...product, words: productWords } : (product ?? {}),
    module: usesCatalogue(module) ? { ...module, words: allModules } : (module ?? {}),
  };
  const unique = new Map<string, string>();
  // Only a module whose every word is its product's alone names that product ("rapportage" in two
  // products' modules names neither).
  for (const p of products) {
    for (const m of p.modules ?? []) {
      if (owners.get(normalizeKey(m.id)) === p.id && namesOf(m).every((n) => wordOwners.get(normalizeText(n)) === p.id)) unique.set(normalizeKey(m.id), p.id);
    }
  }
  if (usesCatalogue(module)) scoped['module'] = { by: 'product', words: modulesOf, ...(usesCatalogue(product) && { owners: unique }) };
  const ownOf = (items: readonly Named[]): WordList => Object.fromEntries(items.map((x) => [x.id, x.name === undefined ? [x.id] : [x.id, x.name]]));
  const ownNames = {
    ...(usesCatalogue(product) && { product: ownOf(products) }),
    ...(usesCatalogue(module) && { module: ownOf(products.flatMap((p) => p.modules ?? [])) }),
  };
  return {
    defs: { ...out, ...rest }, scoped, ownNames,
    ...(usesCatalogue(product) && { productNames, versionNames: nameTails(products) }),
  };
}

/** The product names without their shared leading words (the vendor's brand), where that leaves a new word. */
function nameTails(products: readonly CatalogueProduct[]): WordList {
  const names = products.map((p) => (p.name === undefined ? [] : normalizeText(p.name).split(' ')));
  // The brand most names start with ("Anker Haven", "Anker Vloot", …), though the catalogue may list
  // another maker's product too ("Paynovo"): a first word that more than half the names share.
  const firsts = new Map<string, number>();
  for (const n of names) if (n.length >= 2) firsts.set(n[0] as string, (firsts.get(n[0] as string) ?? 0) + 1);
  const [brand, count] = [...firsts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (count < 2 || count * 2 <= products.length) return {};
  const tails: Record<string, string[]> = {};
  products.forEach((p, i) => {
    const n = names[i] as string[];
    if (n.length < 2 || n[0] !== brand) return;
    // Also when the tail is an alias ("hof" of "Duin Hof"): an alias counts once, and with a
    // version after it ("Hof 2025 R1") as the name it is.
    tails[p.id] = [n.slice(1).join(' ')];
  });
  return tails;
}
