// `inscope init`'s config: a commented starter file from the vendor's products and contracts list,
// built on the engine's request kinds and built-in facts, so that an administrator's first config
// asks only what matters and needs no regular expression. Every choice it makes is a comment the
// admin can read and change.
import { stringify } from 'yaml';
import type { ContractRow } from './parse-contracts-csv.js';

export interface CatalogueEntry {
  readonly id: string;
  readonly name: string;
  /** False for a product without version numbers (a SaaS service everyone runs the same of). */
  readonly versioned?: boolean;
  readonly aliases?: readonly string[];
  readonly modules?: readonly { readonly id: string; readonly name?: string; readonly aliases?: readonly string[] }[];
  /** How its customers write its version, when the built-in reading does not know it ("fw 407" → 4.07). */
  readonly versionPatterns?: readonly { readonly pattern: string; readonly version?: string; readonly caseSensitive?: boolean }[];
  /** Whether contracts cover its pre-releases ("5.4.0-rc.1") inside their ranges; absent: a person decides. */
  readonly prereleases?: 'covered' | 'not-covered';
}

export interface StarterOptions {
  readonly vendor: string;
  readonly timeZone: string;
  readonly currency: string;
  readonly hourlyRate: number;
  readonly locale: 'nl' | 'en';
}

const y = (value: unknown): string => stringify(value, { lineWidth: 0, flowCollectionPadding: false }).trimEnd();
/**
 * A regular expression as the docs write one: single-quoted, so that its backslashes stay as typed
 * and an administrator may edit it in place ("{0,2}" inside an unquoted flow scalar breaks the file).
 */
const quoted = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const flow = (value: unknown): string => stringify(value, { lineWidth: 0, collectionStyle: 'flow', flowCollectionPadding: false }).trimEnd();
const indent = (text: string, by: string): string => text.split('\n').map((l) => (l === '' ? l : by + l)).join('\n');

/** The catalogue as written: each product once, its modules under it (see docs/configuration.md, products). */
function catalogue(products: readonly CatalogueEntry[]): string {
  return products.map((p) => {
    const head = `  - id: ${p.id}\n    name: ${JSON.stringify(p.name)}${(p.aliases ?? []).length > 0 ? `\n    aliases: ${flow(p.aliases)}` : ''}${p.versioned === false ? '\n    versioned: false             # no version numbers: never asked for one' : ''}${p.prereleases === undefined ? '' : `\n    prereleases: ${p.prereleases}${p.prereleases === 'covered' ? '          # a release candidate or beta inside a contract\'s range is covered' : '      # a release candidate or beta is never covered'}`}`;
    const modules = (p.modules ?? []).map((m) => `      - ${flow({ id: m.id, ...(typeof m.name === 'string' && m.name.trim() !== '' && { name: m.name }), ...((m.aliases ?? []).length > 0 && { aliases: m.aliases }) })}`);
    const patterns = (p.versionPatterns ?? []).map((v) => `      - { pattern: ${quoted(v.pattern)}${v.version === undefined ? '' : `, version: ${quoted(v.version)}`}${v.caseSensitive === undefined ? '' : `, caseSensitive: ${v.caseSensitive}`} }`);
    const withPatterns = patterns.length === 0 ? head : `${head}\n    versionPatterns:             # this product's own version numbering, each match read as its version\n${patterns.join('\n')}`;
    return modules.length === 0 ? withPatterns : `${withPatterns}\n    modules:\n${modules.join('\n')}`;
  }).join('\n');
}

function contract(row: ContractRow, options: StarterOptions): string {
  const c: Record<string, unknown> = {
    id: row.id,
    name: row.organization,
    level: row.level,
    validFrom: row.validFrom,
    ...(row.validUntil !== undefined && { validUntil: row.validUntil }),
    timeZone: row.timeZone ?? options.timeZone,
  };
  const products = row.products.map((p) => `      - ${flow({ product: p.product, ...(p.modules && { modules: p.modules }), ...(p.versions && { versions: p.versions }) })}`).join('\n');
  const extra: Record<string, unknown> = {
    ...(row.autoApprove !== undefined && { autoApprove: row.autoApprove }),
    ...(row.hourlyRate !== undefined && { hourlyRate: row.hourlyRate }),
    ...(row.currency !== undefined && { currency: row.currency }),
    ...(row.monthlyBudget !== undefined && { monthlyBudget: row.monthlyBudget }),
    ...(row.vatPercent !== undefined && { vatPercent: row.vatPercent }),
    ...(row.reverseCharge && { reverseCharge: true }),
  };
  const head = indent(y(c), '    ').replace(/^ {4}/, '  - ').replace(/\n(\s+)name: (.*)/, `\n$1name: $2\n$1match: ${flow(row.match)}`);
  const tail = (Object.keys(extra).length === 0 ? '' : '\n' + indent(y(extra), '    '))
    .replace(/^( +reverseCharge: true)$/m, '$1   # VAT reverse-charged: proposals carry no VAT and say "BTW verlegd" / "VAT reverse-charged"');
  return `${head}\n    products:\n${products}${tail}`;
}

/** The catalogue's first six module ids, as examples in the module question. */
function moduleList(products: readonly CatalogueEntry[], language: 'nl' | 'en'): string {
  const names = products.flatMap((p) => (p.modules ?? []).map((m) => m.id));
  const shown = names.slice(0, 6);
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')}${language === 'nl' ? ' of ' : ' or '}${shown.at(-1) as string}`;
}

const productList = (products: readonly CatalogueEntry[], sep: string, last: string) =>
  products.length === 1 ? (products[0] as CatalogueEntry).name
    : `${products.slice(0, -1).map((p) => p.name).join(sep)}${last}${(products.at(-1) as CatalogueEntry).name}`;

/** The starter config's YAML text. */
export function writeStarterConfig(products: readonly CatalogueEntry[], contracts: readonly ContractRow[], options: StarterOptions): string {
  const unversioned = products.filter((p) => p.versioned === false);
  const limitsModules = contracts.some((c) => c.products.some((p) => (p.modules ?? []).length > 0));
  return `# InScope coverage config for ${options.vendor}, written by \`inscope init\`.
# Check it with \`inscope check-config --config FILE\`, try it on last month's tickets with
# \`inscope simulate --config FILE --tickets EXPORT\`, and see docs/configuration.md for every key.
#
# How a ticket is decided:
#  1. Facts: the product and module from the catalogue below; the version (the one next to the product's
#     name; in an upgrade "from 9.2 to 9.4", 9.4; "the latest" is no version), the error text, the
#     steps and the language are built in. A helpdesk field of the same name wins when it is filled.
#  2. The request kind is built in: defect, how-to, own-implementation, feature-request, new-version
#     or other, read from the customer's own words (quoted replies and signatures left out), in
#     Dutch and English. Add or remove cue words under \`kinds:\` if your customers word things
#     differently. When the words do not settle the kind and it matters, a person reviews.
#  3. Completeness asks only what could change the outcome (mode: relevant): a customer without an
#     active contract, or with a how-to question, is never asked for a version.
#  4. Coverage: the first rule that holds decides; none holding means review by a person.
version: 1

vendor:
  name: ${JSON.stringify(options.vendor)}

defaults:
  timeZone: ${options.timeZone}
  hourlyRate: ${options.hourlyRate}
  currency: ${options.currency}
  # Hours on a proposal when the rule names none.
  estimateHours: 2
  locale: ${options.locale}

products:
  # Each product once, with the words customers use for it; contracts name these ids. A ticket is
  # about the product its text names most clearly (its name with a version number counts most, the
  # subject counts double), and its module is looked for among that product's modules only. A
  # contract that covers one product needs none named: its tickets are about it.
${catalogue(products)}

contracts:
${contracts.map((row) => contract(row, options)).join('\n\n')}

completeness:
  mode: relevant
  rules:
    - id: product-known
      require: { fact: product, present: true }
      missing:
        nl: Om welk product gaat het (${productList(products, ', ', ' of ')})?
        en: Which product is this about (${productList(products, ', ', ' or ')})?

${limitsModules ? `    - id: module-known
      # Asked only when a contract covers some of the product's modules and the answer decides
      # (ask: when-it-decides); a customer whose contract covers the whole product is never asked,
      # nor anyone for a new version, which is the whole product's. If your procedure never asks
      # customers for a module, write ask: never: a person then decides where the module would.
      when: { kind: defect }
      require: { fact: module, present: true }
      ask: when-it-decides
      missing:
        nl: Over welk onderdeel (module) gaat het, bijvoorbeeld ${moduleList(products, 'nl')}?
        en: Which part (module) is this about, for example ${moduleList(products, 'en')}?

` : ''}    - id: version-known
${unversioned.length === 0 ? '' : `      # Not asked of ${unversioned.map((p) => p.name).join(', ')} (versioned: false in the catalogue above).
`}      when: { kind: defect }
      require: { fact: version, present: true }
      # Customers read this text: say where your products show their version number.
      missing:
        nl: Welke versie gebruikt u? Graag het volledige versienummer, zoals het in de software staat.
        en: Which version are you using? Please give the full version number as the software shows it.

    - id: error-or-steps
      when: { kind: defect }
      require:
        any:
          - { fact: errorText, present: true }
          - { fact: steps, present: true }
          - attachments: { min: 1 }
      missing:
        nl: Wat is de exacte foutmelding, of welke stappen leiden tot het probleem? Een schermafdruk of logbestand mag ook.
        en: What is the exact error message, or which steps lead to the problem? A screenshot or log file is fine too.

coverage:
  - id: no-contract
    when: { contract: none }
    verdict: advisory
    reason:
      nl: Wij vinden geen supportcontract voor uw organisatie. Wij helpen u graag op basis van een voorstel.
      en: We could not find a support contract for your organization. We are happy to help under a proposal.

  - id: contract-not-active
    when: { contract: [expired, not-yet-active] }
    verdict: advisory
    reason:
      nl: Uw supportcontract is op de datum van deze aanvraag niet actief. Wij helpen u graag op basis van een voorstel.
      en: Your support contract is not active on the date of this request. We are happy to help under a proposal.

  - id: outside-contract
    when: { contract: [product-not-covered, module-not-covered, version-out-of-support] }
    verdict: advisory
    reason:
      nl: Dit product, deze module of deze versie valt niet onder uw supportcontract. Hierbij een voorstel.
      en: This product, module or version is not included in your support contract. Here is a proposal.

  - id: how-to
    when: { kind: how-to }
    verdict: advisory
    estimateHours: 3
    reason:
      nl: Dit is een inrichtings- of adviesvraag. Uw contract dekt storingen; advies en inrichting bieden wij aan op basis van een voorstel.
      en: This is a configuration or advice question. Your contract covers defects; advice and configuration are offered under a proposal.

  - id: own-implementation
    when: { kind: own-implementation }
    verdict: advisory
    estimateHours: 4
    reason:
      nl: De vraag gaat over uw eigen implementatie (scripts, koppelingen, servers). Die valt buiten het supportcontract; hierbij een voorstel.
      en: The question is about your own implementation (scripts, integrations, servers). That is outside the support contract; here is a proposal.

  - id: feature-request
    when: { kind: feature-request }
    verdict: advisory
    reason:
      nl: Dit is een wens voor nieuwe functionaliteit. Die valt buiten het supportcontract; wij maken graag een voorstel.
      en: This is a request for new functionality. That is outside the support contract; we are happy to make a proposal.

  - id: other-request
    # "Thanks, it works again", an invoice question, a renewal quote, a portal account: advisory, but
    # a priced proposal would be the wrong answer, so none is sent (proposal: none). The customer gets
    # this reason; the agents' note says no proposal was sent, and "Convert to advisory…" in the
    # sidebar makes one by hand. Delete the proposal line to send a proposal for these too.
    when: { kind: other }
    verdict: advisory
    proposal: none
    reason:
      nl: Deze vraag valt buiten het supportcontract, dat storingen en nieuwe versies dekt. Wij hebben uw bericht ontvangen; heeft u werk van ons nodig, laat het ons weten, dan maken wij een voorstel.
      en: This request is outside the support contract, which covers defects and new versions. We have received your message; if you need work from us, let us know and we will make a proposal.

  - id: defect
    when: { all: [{ contract: active }, { kind: defect }] }
    verdict: covered
    reason:
      nl: Dit is een storing in een product onder uw supportcontract; wij behandelen het als call.
      en: This is a defect in a product under your support contract; we handle it as a call.

  - id: new-version
    when: { all: [{ contract: active }, { kind: new-version }] }
    verdict: covered
    reason:
      nl: Nieuwe versies vallen onder uw supportcontract; wij behandelen uw verzoek als call.
      en: New versions are included in your support contract; we handle your request as a call.

connector:
  # shadow: decide and record, write nothing to the helpdesk, until you trust the verdicts.
  mode: shadow

# Where category, status and fields live in your helpdesk: \`inscope zendesk setup\` and
# \`inscope jira setup\` print your ids (docs/configuration.md, helpdesks). Zendesk needs none in
# shadow mode. Jira Service Management does, to read a request's organization from the
# Organizations field: without it every JSM request is decided as "no contract". Until
# \`jira setup\` prints your ids, these values do in shadow mode (nothing is written):
# helpdesks:
#   jira:
#     categoryField: customfield_10050
#     categories: { call: Call, advisory: Advisory }
#     statuses: { new: New, approved: Approved }
#     fields: { organizations: customfield_10002 }
`;
}
