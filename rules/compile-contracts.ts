// Contract resolution: find the customer's contract (organization id, then name, then e-mail
// domain), pick the one valid on the ticket's local creation date, and name its state. The facts
// `product`, `module` and `version` are checked against the contract's products.
import { foundByAliasOnly, inferredFromModule } from './compile-facts.js';
import type { EvalContext, ResolvedContract } from './eval-context.js';
import { localDateIn, zoneOffsets, type ZoneOffsets } from './local-date.js';
import type { ContractState, ContractSummary } from './model.js';
import { normalizeKey, normalizeText } from './normalize-text.js';
import type { ContractDefinition } from './rules-config.js';
import { compileVersionRanges, prereleaseOf, rangeBounds } from './version-range.js';

interface CoveredProduct {
  readonly modules: ReadonlySet<string> | null;
  readonly versions: ((version: string) => boolean | undefined) | null;
  /** Every bound of the ranges names a release of a major ("12.1", "2025.2"), none a whole major. */
  readonly countsReleases: boolean;
  /** The catalogue's word on pre-releases inside the ranges (absent: not said). */
  readonly prereleases: PrereleasePolicy | undefined;
}

export type PrereleasePolicy = 'covered' | 'not-covered';

const MAX_MEMOISED_VERSIONS = 1000;

/**
 * The version predicate memoised per version text: the same few versions recur on every ticket,
 * and parsing one (a regex, a split) cost more than the rest of the product check.
 */
function memoised(versions: (version: string) => boolean | undefined): (version: string) => boolean | undefined {
  const known = new Map<string, boolean | undefined>();
  return (version) => {
    if (known.has(version)) return known.get(version);
    const supported = versions(version);
    if (known.size >= MAX_MEMOISED_VERSIONS) known.clear();
    known.set(version, supported);
    return supported;
  };
}

interface CompiledContract {
  readonly def: ContractDefinition;
  readonly levelKey: string;
  readonly zone: ZoneOffsets;
  readonly products: ReadonlyMap<string, CoveredProduct>;
  /** The contract's products, each once, and those of them with version numbers: for a ticket that names none. */
  readonly distinct: readonly string[];
  readonly versioned: readonly string[];
  /**
   * One immutable ResolvedContract per match kind and state, so triage allocates none; slot
   * `matchKind * STATES.length + STATES.indexOf(state)`, filled on first use.
   */
  readonly resolved: (ResolvedContract | undefined)[];
}

/** Resolves `ctx.contract` and `ctx.contractState`; writes its reasoning to `notes` when given. */
export type ContractResolver = (ctx: EvalContext, createdMs: number, notes: string[] | null) => void;

/**
 * The contract states possible when the facts in `unknown` could still take any value: what the
 * customer's answer to a question could change. Dates and the organization do not depend on it.
 */
export type PossibleStates = (ctx: EvalContext, unknown: ReadonlySet<string>) => readonly ContractState[];

const MATCHED_BY = ['organizationId', 'organizationName', 'emailDomain'] as const;
const STATES: readonly ContractState[] = ['not-yet-active', 'expired', 'product-not-covered', 'module-not-covered', 'version-out-of-support', 'active'];

/** A bound that names a release of a major: "12.1", "2025.2", not "10". */
const RELEASE_BOUND = /^v?\d+\.\d+/;

/** Every bound of the ranges names a release of a major: ">=12.1", ">=2025.2", not ">=10". */
function countsReleasesIn(ranges: readonly string[]): boolean {
  return ranges.every((range) => rangeBounds(range).every((b) => RELEASE_BOUND.test(b)));
}

/**
 * The products (normalised) every contract bound of which is written as `bound` says: whole releases
 * (`>=44`), a year's releases (`>=2025.2`), or releases of a major, where the contracts limit
 * versions at all (a contract that covers every version of one still serves it per release:
 * "firmware 5" says none).
 */
export function productsNumbered(contracts: readonly ContractDefinition[], bound: RegExp): Set<string> {
  const all = new Set<string>();
  const not = new Set<string>();
  for (const c of contracts) {
    for (const p of c.products) {
      const key = normalizeText(p.product);
      for (const range of p.versions ?? []) {
        const bounds = rangeBounds(range);
        if (bounds.length > 0 && bounds.every((b) => bound.test(b))) all.add(key);
        else not.add(key);
      }
    }
  }
  for (const k of not) all.delete(k);
  return all;
}

function compileContract(def: ContractDefinition, unversioned: ReadonlySet<string>, prereleases: ReadonlyMap<string, PrereleasePolicy>, releaseCounted: ReadonlySet<string>): CompiledContract {
  // A product listed twice ("25.4" and ">=26.2" of one product, each written as its own entry) is
  // covered by either: its modules and versions are those of both (every one when an entry has no limit).
  const merged = new Map<string, { modules: Set<string> | null; versions: string[] | null; name: string }>();
  for (const p of def.products) {
    const key = normalizeText(p.product);
    const seen = merged.get(key);
    const modules = p.modules === undefined ? null : new Set(p.modules.map(normalizeText));
    const versions = p.versions === undefined ? null : [...p.versions];
    if (seen === undefined) merged.set(key, { modules, versions, name: p.product });
    else {
      seen.modules = seen.modules === null || modules === null ? null : new Set([...seen.modules, ...modules]);
      seen.versions = seen.versions === null || versions === null ? null : [...seen.versions, ...versions];
    }
  }
  const products = new Map<string, CoveredProduct>();
  for (const [key, p] of merged) {
    let versions: CoveredProduct['versions'] = null;
    try {
      versions = p.versions === null ? null : memoised(compileVersionRanges(p.versions));
    } catch (error) {
      throw new Error(`contract "${def.id}", product ${p.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const countsReleases = p.versions === null ? releaseCounted.has(key) : countsReleasesIn(p.versions);
    products.set(key, { modules: p.modules, versions, countsReleases, prereleases: prereleases.get(key) });
  }
  let zone: ZoneOffsets;
  try {
    zone = zoneOffsets(def.timeZone);
  } catch {
    throw new Error(`contract "${def.id}": unknown time zone ${JSON.stringify(def.timeZone)}`);
  }
  const distinct = [...new Set(def.products.map((p) => p.product))];
  const versioned = distinct.filter((p) => !unversioned.has(normalizeText(p)));
  return { def, levelKey: normalizeText(def.level), zone, products, distinct, versioned, resolved: new Array<ResolvedContract | undefined>(MATCHED_BY.length * STATES.length).fill(undefined) };
}

function resolvedFor(c: CompiledContract, state: ContractState, matchKind: number): ResolvedContract {
  const slot = matchKind * STATES.length + STATES.indexOf(state);
  let r = c.resolved[slot];
  if (r === undefined) {
    const matchedBy = MATCHED_BY[matchKind] as string;
    const d = c.def;
    const summary: ContractSummary = {
      id: d.id, name: d.name, level: d.level, state, validFrom: d.validFrom,
      ...(d.validUntil === undefined ? {} : { validUntil: d.validUntil }),
      timeZone: d.timeZone, products: d.products.map((p) => p.product), matchedBy,
    };
    r = { id: d.id, def: d, levelKey: c.levelKey, summary, compiled: c };
    c.resolved[slot] = r;
  }
  return r;
}

function index(contracts: readonly CompiledContract[], keys: (d: ContractDefinition) => readonly string[] | undefined, norm: (s: string) => string) {
  const map = new Map<string, CompiledContract[]>();
  for (const c of contracts) {
    for (const k of keys(c.def) ?? []) {
      const list = map.get(norm(k)) ?? [];
      list.push(c);
      map.set(norm(k), list);
    }
  }
  return map;
}

function productState(c: CompiledContract, ctx: EvalContext, notes: string[] | null): ContractState {
  const product = ctx.fact('product')?.value;
  if (product === undefined) {
    notes?.push('product unknown, so product, module and version were not checked');
    return 'active';
  }
  const covered = c.products.get(normalizeKey(product));
  // A one-product customer whose ticket names another product by an alias only ("/v2/timesheets"
  // in a Connect customer's API call, "grootboek" in a Payroll journal) has not shown it is about
  // that product: unknown, and asked for when it matters, rather than refused on one word.
  const only = c.def.products.length === 1 ? c.def.products[0] : undefined;
  if (covered === undefined && only !== undefined && foundByAliasOnly(ctx.fact('product'))) {
    // As without a product named at all: the customer's only product (see compileContracts).
    notes?.push(`product ${product} found by an alias only: taken as ${only.product}, the contract's only product`);
    ctx.facts['product'] = { value: only.product, source: 'contract' };
    return productState(c, ctx, notes);
  }
  // "De bonprinter snijdt het logo af": a module word tells which of the customer's products it is
  // about, never that it is about one outside the contract ("month-end reporting for our clients").
  if (covered === undefined && inferredFromModule(ctx.facts['product'])) {
    notes?.push(`product ${product} only inferred from a module, and not in the contract: unknown`);
    delete ctx.facts['product'];
    return 'active';
  }
  if (covered === undefined) {
    notes?.push(`product ${product} is not covered (covers ${c.def.products.map((p) => p.product).join(', ')})`);
    return 'product-not-covered';
  }
  const module = ctx.fact('module')?.value;
  if (covered.modules !== null && module !== undefined && !covered.modules.has(normalizeKey(module))) {
    notes?.push(`module ${module} of ${product} is not covered`);
    return 'module-not-covered';
  }
  const version = ctx.fact('version')?.value;
  const supported = covered.versions === null || version === undefined ? undefined : covered.versions(version);
  // "Receptie 10" against ">=10.2": a number that does not say which release of it the ranges need
  // is no version for them; unknown, and asked for when it matters, as if none were given.
  if (supported === undefined && version !== undefined && covered.versions !== null && /\d/.test(version)) {
    notes?.push(`version ${version} of ${product} does not say which of its releases it is, which the contract's ranges need: unknown`);
    delete ctx.facts['version'];
    ctx.versionPartial = version;
    return 'active';
  }
  // "Kliniek 12", "versie 2026" against ">=12.1", ">=2025.2": inside the range whichever release
  // of that major it is, but a contract that counts releases is served per release, and the major
  // does not say which: unknown, and asked for a defect as "the latest" is (not for a question).
  // So too where this contract sets no range for a product the others count by release.
  if ((supported === true || covered.versions === null) && covered.countsReleases && version !== undefined && /^\d+$/.test(version)) {
    notes?.push(`version ${version} of ${product} names no release, which the contract's ranges count: unknown`);
    delete ctx.facts['version'];
    ctx.versionPartial = version;
    return 'active';
  }
  const pre = supported === true ? prereleaseOf(version as string) : undefined;
  if (pre !== undefined && covered.prereleases === 'not-covered') {
    notes?.push(`version ${version} of ${product} is a pre-release, which the catalogue says contracts do not cover`);
    return 'version-out-of-support';
  }
  if (pre !== undefined && covered.prereleases === undefined) {
    // Within the range by its number, but a release candidate or beta is not a release: whether
    // the contract covers it is the vendor's word, which the catalogue does not give.
    notes?.push(`version ${version} of ${product} is a pre-release inside the contract's range; the catalogue does not say whether pre-releases are covered`);
    ctx.prerelease = version;
  }
  if (supported === false) {
    // "We draaien nog 7.1.4 en willen naar 7.4.2": the upgrade asked for is what a new-version
    // request is about, and the contract's entitlement covers it when it covers the target.
    const target = ctx.versionTarget;
    // Only a kind the text settles: an uncertain one is scanned per candidate against one state.
    if (target !== undefined && covered.versions?.(target) === true && ctx.kind.certain && ctx.kind.kind === 'new-version') {
      notes?.push(`version ${version} of ${product} is out of support, but the upgrade asked for, ${target}, is covered`);
      return 'active';
    }
    notes?.push(`version ${version} of ${product} is out of support`);
    return 'version-out-of-support';
  }
  // "Finance 11.0 is out, please send it; we run 10.3": a new-version request is about the version
  // it asks for, so a contract for 10.x does not cover it, whatever runs today.
  const target = ctx.versionTarget;
  if (target !== undefined && covered.versions?.(target) === false && ctx.kind.certain && ctx.kind.kind === 'new-version') {
    notes?.push(`the version asked for, ${target} of ${product}, is out of support`);
    return 'version-out-of-support';
  }
  notes?.push(`product ${product}${module === undefined ? '' : `, module ${module}`}${version === undefined ? '' : `, version ${version}`} covered`
    + (supported === undefined && version !== undefined && covered.versions !== null ? ' (version holds no number, not checked)' : ''));
  return 'active';
}

/** The states a product check can end in when product, module or version may still take any value. */
function possibleProductStates(c: CompiledContract, ctx: EvalContext, unknown: ReadonlySet<string>): ContractState[] {
  const out = new Set<ContractState>();
  const product = unknown.has('product') ? undefined : ctx.fact('product')?.value;
  const candidates = product === undefined ? [...c.products.values()] : [c.products.get(normalizeKey(product))];
  if (unknown.has('product')) out.add('product-not-covered');
  for (const covered of candidates) {
    if (covered === undefined) {
      out.add('product-not-covered');
      continue;
    }
    const module = ctx.fact('module')?.value;
    if (covered.modules !== null && unknown.has('module')) out.add('module-not-covered');
    else if (covered.modules !== null && module !== undefined && !covered.modules.has(normalizeKey(module))) {
      out.add('module-not-covered');
      continue;
    }
    const version = ctx.fact('version')?.value;
    if (covered.versions !== null && unknown.has('version')) out.add('version-out-of-support');
    else if (covered.versions !== null && version !== undefined && (covered.versions(version) === false || (covered.prereleases === 'not-covered' && prereleaseOf(version) !== undefined))) {
      out.add('version-out-of-support');
      continue;
    }
    out.add('active');
  }
  return [...out];
}

export const possibleStates: PossibleStates = (ctx, unknown) => {
  const state = ctx.contractState;
  if (unknown.size === 0 || ctx.contract === null || state === 'none' || state === 'expired' || state === 'not-yet-active') return [state];
  if (!unknown.has('product') && !unknown.has('module') && !unknown.has('version')) return [state];
  const compiled = ctx.contract.compiled as CompiledContract | undefined;
  if (compiled === undefined) return [state];
  if (!unknown.has('product') && !unknown.has('version')) {
    // Only the module is unknown: the state as checked (which weighs the version an upgrade asks
    // for), or, where the contract covers some of the product's modules, one outside them.
    const product = ctx.fact('product')?.value;
    const covered = product === undefined ? undefined : compiled.products.get(normalizeKey(product));
    return state === 'active' && covered !== undefined && covered.modules !== null ? ['active', 'module-not-covered'] : [state];
  }
  return possibleProductStates(compiled, ctx, unknown);
};

/**
 * `unversioned` and `prereleases` are by normalised product id, from the catalogue: the products
 * without version numbers (which a ticket that gives a version is not about), and what the vendor
 * says of pre-releases inside a contract's ranges.
 */
export function compileContracts(defs: readonly ContractDefinition[], unversioned: ReadonlySet<string> = new Set(), prereleases: ReadonlyMap<string, PrereleasePolicy> = new Map()): ContractResolver {
  const releaseCounted = productsNumbered(defs, RELEASE_BOUND);
  const contracts = defs.map((d) => compileContract(d, unversioned, prereleases, releaseCounted));
  const byId = index(contracts, (d) => d.match.organizationIds, (s) => s.trim());
  const byName = index(contracts, (d) => d.match.organizationNames, normalizeText);
  const byDomain = index(contracts, (d) => d.match.emailDomains, (s) => s.trim().toLowerCase().replace(/^@/, ''));

  const byEmail = (email: string | undefined): CompiledContract[] | undefined => {
    const at = email === undefined ? -1 : email.lastIndexOf('@');
    if (email === undefined || at < 0) return undefined;
    // A contract for example.com also covers mail.example.com.
    for (let domain = email.slice(at + 1).toLowerCase(); domain.includes('.'); domain = domain.slice(domain.indexOf('.') + 1)) {
      const found = byDomain.get(domain);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  return (ctx, createdMs, notes) => {
    const item = ctx.item;
    let matchKind = 0;
    let candidates = item.organizationId === undefined ? undefined : byId.get(item.organizationId.trim());
    if (candidates === undefined && item.organizationName !== undefined) {
      matchKind = 1;
      candidates = byName.get(normalizeText(item.organizationName));
    }
    if (candidates === undefined) {
      matchKind = 2;
      candidates = byEmail(item.requesterEmail);
    }
    if (candidates === undefined) {
      ctx.contract = null;
      ctx.contractState = 'none';
      notes?.push(`no contract matches organization ${item.organizationId ?? '-'} "${item.organizationName ?? ''}" or requester ${item.requesterEmail ?? '-'}`);
      return;
    }
    let chosen: CompiledContract | undefined;
    let chosenDate = '';
    for (const c of candidates) {
      const date = localDateIn(c.zone, createdMs);
      if (date >= c.def.validFrom && (c.def.validUntil === undefined || date <= c.def.validUntil)) {
        chosen = c;
        chosenDate = date;
        break;
      }
    }
    if (chosen === undefined) {
      chosen = candidates.reduce((a, b) => (b.def.validFrom > a.def.validFrom ? b : a));
      chosenDate = localDateIn(chosen.zone, createdMs);
    }
    const d = chosen.def;
    // A ticket from a customer whose contract covers one product is about that product unless it
    // names another; one that gives a version, about the contract's only product with versions
    // ("V8U5" from a customer of Vloot and of the SaaS booking site).
    if (ctx.fact('product') === undefined && d.products.length > 0) {
      const { distinct, versioned } = chosen;
      if (distinct.length === 1) {
        ctx.facts.product = { value: distinct[0] as string, source: 'contract' };
        notes?.push(`product ${distinct[0] as string} taken from the contract, its only product`);
      } else if (versioned.length === 1 && ctx.fact('version') !== undefined) {
        ctx.facts.product = { value: versioned[0] as string, source: 'contract' };
        notes?.push(`product ${versioned[0] as string} taken from the contract, its only product with versions, as the ticket gives version ${ctx.fact('version')?.value ?? ''}`);
      }
    }
    notes?.push(`${d.id} "${d.name}" (${d.level}) matched by ${MATCHED_BY[matchKind]}`
      + (candidates.length > 1 ? ` among ${candidates.length} contracts` : ''));
    notes?.push(`created ${chosenDate} in ${d.timeZone}; valid ${d.validFrom} to ${d.validUntil ?? 'open-ended'} inclusive`);
    let state: ContractState;
    if (chosenDate < d.validFrom) state = 'not-yet-active';
    else if (d.validUntil !== undefined && chosenDate > d.validUntil) state = 'expired';
    else state = productState(chosen, ctx, notes);
    notes?.push(`state ${state}`);
    ctx.contract = resolvedFor(chosen, state, matchKind);
    ctx.contractState = state;
  };
}
