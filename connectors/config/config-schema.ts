// The zod schema of the whole coverage config file (YAML or JSON). Every object is strict so that
// a typo is an error, not a silently ignored key. The rules part is what the engine compiles.
import * as z from 'zod';
import type { RulesConfig } from '../../rules/rules-config.js';
import { conditionNameSchema, conditionSchema, REQUEST_KINDS, textScopeSchema } from './condition-schema.js';
import { describeValue } from './describe-value.js';
import { compileRegex } from '../../rules/compile-regex.js';
import {
  booleanSchema, currencySchema, dateSchema, emailDomainSchema, emailSchema, expected, factNameSchema, idSchema,
  list, localizedSchema, positiveNumber, regexSchema, text, timeZoneSchema, vatPercentSchema, versionRangeSchema, wholeNumber,
} from './scalar-schemas.js';

const mapping = (what: string) => ({ error: expected(what) });

const factDefinitionSchema = z.strictObject({
  field: factNameSchema.exactOptional(),
  pattern: regexSchema.exactOptional(),
  caseSensitive: booleanSchema.describe('pattern tells upper from lower case (default false).').exactOptional(),
  words: z.record(text('a canonical value'), list(text('a word or phrase'), 'a list of words or phrases', 1), mapping('a mapping of canonical value → words')).exactOptional(),
  in: textScopeSchema.exactOptional(),
  default: text('a default value').exactOptional(),
  // No field: the engine reads the logical field of the fact's own name, so `{}` is a valid definition.
}, mapping('a fact definition, { field: ..., pattern: ..., words: ..., default: ... }')).superRefine((value, ctx) => {
  if (value.caseSensitive !== undefined && value.pattern === undefined) {
    ctx.addIssue({ code: 'custom', input: value, path: ['caseSensitive'], message: 'caseSensitive applies to pattern only: words always ignore case' });
  }
});

const aliasesSchema = list(text('a word or phrase'), 'a list of words or phrases', 1)
  .describe('Words and phrases that name it in a ticket; the id and name always count.');

const catalogueModuleSchema = z.strictObject({
  id: idSchema,
  name: text('a module name').exactOptional(),
  aliases: aliasesSchema.exactOptional(),
}, mapping('a module, { id: ..., aliases: [...] }'));

/** "fw 407" → 4.07: `version` builds the value from the capture groups ($1, $2…), the first group or the whole match without it. */
const versionPatternSchema = z.strictObject({
  pattern: regexSchema.describe('A regular expression (case-insensitive unless caseSensitive) that finds the version in the text.'),
  version: text('a version template such as $1.$2').exactOptional()
    .describe('The version read, built from the capture groups: "$1.$2" turns "fw 407" into 4.07. Default: the first group, or the whole match.'),
  caseSensitive: z.boolean({ error: 'expected true or false' }).exactOptional(),
}, mapping('a version pattern, { pattern: ..., version: ... }')).superRefine((value, ctx) => {
  let groups = 0;
  try {
    // Compiled as the engine compiles it (Unicode mode when the pattern needs it); "|" matches the
    // empty text, so the match holds one entry per group.
    const re = compileRegex(value.pattern, 'versionPatterns', value.caseSensitive);
    groups = new RegExp(`${re.source}|`, re.flags).exec('')?.length ?? 1;
  } catch {
    return; // regexSchema reports it
  }
  for (const ref of value.version?.match(/\$(\d+)/g) ?? []) {
    if (Number(ref.slice(1)) >= groups || ref === '$0') {
      ctx.addIssue({ code: 'custom', input: value, path: ['version'], message: `${ref} names no capture group of the pattern (it has ${groups - 1}): use $1 to $${Math.max(1, groups - 1)}` });
    }
  }
});

const catalogueProductSchema = z.strictObject({
  id: idSchema.describe('What contracts name under products[].product.'),
  name: text('a product name').exactOptional(),
  aliases: aliasesSchema.exactOptional(),
  modules: list(catalogueModuleSchema, 'a list of modules', 1).exactOptional(),
  versioned: z.boolean({ error: 'expected true or false' }).exactOptional()
    .describe('false for a product without version numbers (a SaaS service): a completeness rule that asks only for the version never asks it of this product.'),
  versionPatterns: list(versionPatternSchema, 'a list of { pattern, version }', 1).exactOptional()
    .describe('How this product\'s customers write its version when the built-in reading does not know it: each match is read as a version of this product; a version without a number hides the match.'),
  prereleases: z.enum(['covered', 'not-covered'], { error: 'expected covered or not-covered' }).exactOptional()
    .describe('Whether a contract that covers a range of this product\'s versions covers the release candidates, betas and previews inside it ("5.4.0-rc.1", "4.7 preview"). Absent: a request that would be covered on one goes to a person.'),
}, mapping('a product, { id: ..., name: ..., aliases: [...], modules: [...], versioned: false, versionPatterns: [...], prereleases: not-covered }')).superRefine((value, ctx) => {
  if (value.versioned === false && value.prereleases !== undefined) {
    ctx.addIssue({ code: 'custom', input: value, path: ['prereleases'], message: 'a product with versioned: false has no versions, so no pre-releases either: remove prereleases or versioned: false' });
  }
  if (value.versioned === false && value.versionPatterns !== undefined) {
    ctx.addIssue({ code: 'custom', input: value, path: ['versionPatterns'], message: 'a product with versioned: false has no version to read: remove versionPatterns or versioned: false' });
  }
});

const reviewSchema = z.strictObject({
  reason: localizedSchema.describe('The verdict\'s reason when no coverage rule decides.'),
}, mapping('the review settings, { reason: { en: ..., nl: ... } }'));

// Zendesk organization ids are numbers in YAML; the domain model carries them as text.
const organizationIdSchema = z.union([text('an organization id'), wholeNumber('an organization id', 0)], mapping('an organization id'))
  .transform((id) => String(id));

const organizationMatchSchema = z.strictObject({
  organizationIds: list(organizationIdSchema, 'a list of organization ids', 1).exactOptional(),
  organizationNames: list(text('an organization name'), 'a list of organization names', 1).exactOptional(),
  emailDomains: list(emailDomainSchema, 'a list of e-mail domains', 1).exactOptional(),
}, mapping('an organization match, { organizationIds: [...] }, { organizationNames: [...] } or { emailDomains: [...] }')).superRefine((value, ctx) => {
  if (value.organizationIds === undefined && value.organizationNames === undefined && value.emailDomains === undefined) {
    ctx.addIssue({ code: 'custom', input: value, message: 'a contract matches on at least one of organizationIds, organizationNames or emailDomains' });
  }
});

const contractProductSchema = z.strictObject({
  product: text('a product id'),
  modules: list(text('a module id'), 'a list of module ids', 1).exactOptional(),
  versions: list(versionRangeSchema, 'a list of versions', 1).exactOptional(),
}, mapping('a covered product, { product: ..., modules: [...], versions: [...] }'));

const monthlyBudgetSchema = z.strictObject({
  hours: positiveNumber('a number of hours above 0').exactOptional(),
  amount: positiveNumber('an amount above 0').exactOptional(),
}, mapping('a monthly budget, { hours: ... } or { amount: ... }')).superRefine((value, ctx) => {
  if (value.hours === undefined && value.amount === undefined) {
    ctx.addIssue({ code: 'custom', input: value, message: 'a monthly budget needs hours or amount' });
  }
});

const contractSchema = z.strictObject({
  id: idSchema,
  name: text('a contract name'),
  match: organizationMatchSchema,
  level: text('a contract level such as gold'),
  validFrom: dateSchema.describe('First day, inclusive, YYYY-MM-DD in the contract\'s time zone.'),
  validUntil: dateSchema.describe('Last day, inclusive, YYYY-MM-DD; absent: open-ended.').exactOptional(),
  timeZone: timeZoneSchema.describe('IANA time zone; absent: defaults.timeZone.').exactOptional(),
  products: list(contractProductSchema, 'a list of covered products', 1),
  autoApprove: booleanSchema.exactOptional(),
  hourlyRate: positiveNumber('an hourly rate above 0').exactOptional(),
  currency: currencySchema.exactOptional(),
  estimateHours: positiveNumber('a number of hours above 0').exactOptional(),
  monthlyBudget: monthlyBudgetSchema.exactOptional(),
  vatPercent: vatPercentSchema.exactOptional().describe('VAT on this contract\'s proposals; absent: proposals.vatPercent. 0 for no VAT.'),
  reverseCharge: booleanSchema.exactOptional()
    .describe('true: VAT is reverse-charged (a business customer abroad): proposals carry 0 % and say "BTW verlegd" / "VAT reverse-charged".'),
}, mapping('a contract')).superRefine((value, ctx) => {
  if (value.reverseCharge === true && value.vatPercent !== undefined && value.vatPercent !== 0) {
    ctx.addIssue({
      code: 'custom', input: value.vatPercent, path: ['vatPercent'],
      message: `reverseCharge: true means no VAT on the proposal, but vatPercent is ${value.vatPercent}: remove vatPercent, or reverseCharge if VAT applies`,
    });
  }
});

const completenessRuleSchema = z.strictObject({
  id: idSchema,
  when: conditionSchema.exactOptional(),
  require: conditionSchema,
  missing: localizedSchema,
  ask: z.enum(['when-needed', 'when-it-decides', 'never'], { error: (issue) => `expected when-needed, when-it-decides or never, got ${describeValue(issue.input)}` }).exactOptional()
    .describe('when-it-decides: ask only when the answer could change the outcome (mode relevant); when-needed (default): also when a covered Call needs it; never: never ask the customer, a person decides when the answer could change the outcome.'),
}, mapping('a completeness rule, { id, when, require, missing, ask }'));

const coverageRuleSchema = z.strictObject({
  id: idSchema,
  when: conditionSchema,
  verdict: z.enum(['covered', 'advisory', 'review'], {
    error: (issue) => `expected covered, advisory or review, got ${describeValue(issue.input)}`,
  }),
  reason: localizedSchema,
  autoApprove: booleanSchema.exactOptional(),
  estimateHours: positiveNumber('a number of hours above 0').exactOptional(),
  proposal: z.enum(['send', 'none'], { error: (issue) => `expected send or none, got ${describeValue(issue.input)}` }).exactOptional()
    .describe('advisory only. send (default): the customer gets a priced proposal; none: converted to advisory with the reason, no proposal (an agent can still make one).'),
}, mapping('a coverage rule, { id, when, verdict, reason }')).superRefine((value, ctx) => {
  if (value.proposal !== undefined && value.verdict !== 'advisory') {
    ctx.addIssue({ code: 'custom', input: value.proposal, path: ['proposal'], message: `proposal applies to advisory rules only, and this rule's verdict is ${value.verdict}: remove it` });
  }
});

const completenessSchema = z.union([
  list(completenessRuleSchema, 'a list of completeness rules'),
  z.strictObject({
    mode: z.enum(['relevant', 'always'], { error: (issue) => `expected relevant or always, got ${describeValue(issue.input)}` }).default('relevant')
      .describe('relevant: ask only for what could change the outcome or what a covered Call needs; always: ask for every missing item first.'),
    rules: list(completenessRuleSchema, 'a list of completeness rules').default([]),
  }, mapping('completeness rules: a list, or { mode: relevant | always, rules: [...] }')),
], { error: expected('completeness rules: a list, or { mode: relevant | always, rules: [...] }') });

const cueTuningSchema = z.strictObject({
  add: list(text('a cue word or phrase'), 'a list of cue words or phrases', 1).exactOptional(),
  remove: list(text('a cue word or phrase'), 'a list of cue words or phrases', 1).exactOptional(),
}, mapping('cue changes, { add: [...], remove: [...] }'));

const kindsSchema = z.strictObject({
  ...Object.fromEntries(REQUEST_KINDS.map((k) => [k, cueTuningSchema.exactOptional()])) as Record<(typeof REQUEST_KINDS)[number], z.ZodExactOptional<typeof cueTuningSchema>>,
  minConfidence: z.number({ error: expected('a number between 0.5 and 1') }).min(0.5, { error: 'expected a number between 0.5 and 1' }).max(1, { error: 'expected a number between 0.5 and 1' }).exactOptional()
    .describe('Below this share of the two highest kind scores the kind is uncertain (default 0.75).'),
  learned: z.boolean({ error: expected('true or false') }).exactOptional()
    .describe('Let the learned model (built-in, or the one `model` names) settle a kind the cues leave open between covered and not covered (default true).'),
}, mapping(`cue changes per request kind (${REQUEST_KINDS.join(', ')}), minConfidence and learned`));

const defaultsSchema = z.strictObject({
  timeZone: timeZoneSchema,
  hourlyRate: positiveNumber('an hourly rate above 0'),
  currency: currencySchema,
  estimateHours: positiveNumber('a number of hours above 0'),
  locale: z.enum(['en', 'nl'], { error: (issue) => `expected en or nl, got ${describeValue(issue.input)}` }).default('en'),
}, mapping('the defaults, { timeZone, hourlyRate, currency, estimateHours }'));

const vendorSchema = z.strictObject({
  name: text('the vendor name'),
  email: emailSchema.exactOptional(),
  vatNumber: text('a VAT number').exactOptional(),
}, mapping('the vendor, { name, email, vatNumber }'));

const logicalCategories = <T extends z.ZodType>(value: T, what: string) =>
  z.strictObject({ call: value, advisory: value }, mapping(`${what} for call and advisory`));
const logicalStatuses = <T extends z.ZodType>(value: T, what: string) =>
  z.strictObject({ new: value, approved: value }, mapping(`${what} for new and approved`));

const zendeskId = (what: string) => wholeNumber(what, 1);
const jiraFieldId = text('a Jira field id such as customfield_10010 or components')
  .regex(/^(?:customfield_\d+|[a-z][A-Za-z]*)$/, {
    error: (issue) => `expected a Jira field id such as customfield_10010 or components, got ${describeValue(issue.input)}`,
  });

const zendeskSchema = z.strictObject({
  categoryField: zendeskId('the id of the Category custom field (a number)'),
  categories: logicalCategories(text('a dropdown option tag'), 'dropdown option tags'),
  statuses: logicalStatuses(zendeskId('a custom status id (a number)'), 'custom status ids'),
  fields: z.record(factNameSchema, zendeskId('a custom field id (a number)'), mapping('a mapping of logical field name → custom field id')).default({}),
}, mapping('the Zendesk mapping'));

const jiraSchema = z.strictObject({
  categoryField: jiraFieldId,
  categories: logicalCategories(text('an option value'), 'option values'),
  statuses: logicalStatuses(text('a status name'), 'status names'),
  fields: z.record(factNameSchema, jiraFieldId, mapping('a mapping of logical field name → Jira field id')).default({}),
  internalNotesOnTransitions: booleanSchema.exactOptional()
    .describe("Let an internal note ride the transition as a platform comment with JSM's sd.public.comment property { internal: true } (not documented by Atlassian for a transition's comment); default false: internal notes go through JSM's request comment API, in a call of their own."),
}, mapping('the Jira mapping'));

const helpdesksSchema = z.strictObject({
  zendesk: zendeskSchema.exactOptional(),
  jira: jiraSchema.exactOptional(),
}, mapping('the helpdesk mappings, { zendesk: ..., jira: ... }'));

const enumOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => `expected ${values.join(', ')}, got ${describeValue(issue.input)}` });

const connectorSchema = z.strictObject({
  mode: enumOf(['auto', 'shadow', 'live']).default('auto').describe('auto: live when helpdesk credentials are set; shadow: decide and record, never write.'),
  pathGuard: enumOf(['revert', 'warn', 'off']).default('revert').describe('When someone approves a ticket the rules do not allow: move it back to New, only warn, or do nothing.'),
  requestMissingInfo: booleanSchema.default(true).describe('Incomplete: also post the public comment listing what is missing.'),
  tagPrefix: text('a tag prefix').regex(/^[a-z0-9_]+$/, { error: 'expected a tag prefix of lowercase letters, digits and _' }).default('inscope_'),
}, mapping('the connector settings'));

const proposalsSchema = z.strictObject({
  vatPercent: vatPercentSchema.default(21).describe('VAT on proposals whose contract names none (contracts[].vatPercent, reverseCharge win).'),
  validityDays: wholeNumber('a whole number of days, 1 or more', 1).default(30),
  terms: localizedSchema.exactOptional().describe('Terms printed on every proposal, in both languages; absent: the built-in terms.'),
  templatesDir: text('a folder path').exactOptional()
    .describe('Folder with Liquid templates that replace the built-in ones (comment.nl.liquid, pdf-intro.en.liquid…); relative to the config file.'),
  acceptStatus: enumOf(['approved', 'new']).default('approved').describe('The status an accepted proposal puts the ticket in (the advisory work status).'),
  declineAction: enumOf(['close', 'return']).default('return').describe('A declined proposal: close (solve) the ticket, or return it to the agents as New.'),
  budgetPolicy: enumOf(['warn', 'require-confirmation', 'block']).default('warn')
    .describe('A proposal that would take the organization over its monthly cap: send with a note, wait for the sidebar\'s confirmation, or never send.'),
  thresholds: list(positiveNumber('a percentage above 0'), 'a list of percentages').default([80, 100])
    .describe('Budget use (committed + pending) that triggers an internal note when a proposal crosses it.'),
  notifyCustomerAtThreshold: booleanSchema.default(false).describe('Also tell the customer\'s contact when a threshold is crossed.'),
  timeSpentField: factNameSchema.exactOptional()
    .describe('Logical field (mapped in helpdesks.zendesk.fields or helpdesks.jira.fields) with the ticket\'s total time spent in seconds: Zendesk Time Tracking\'s field, Jira\'s timespent or timetracking; absent: logged hours and actuals are not recorded.'),
  minSimilarRequests: wholeNumber('a whole number of requests, 1 or more', 1).default(3)
    .describe('With a model that has an hour estimator: fewer similar past requests than this and a proposal keeps the rule\'s estimateHours.'),
}, mapping('the proposal settings'));

export const configSchema = z.strictObject({
  version: z.literal(1, { error: (issue) => issue.input === undefined ? 'required: expected version: 1' : `expected 1 (the only config version), got ${describeValue(issue.input)}` }),
  vendor: vendorSchema.describe('The software vendor, named on proposals.'),
  defaults: defaultsSchema.describe('Time zone, rate, currency and estimate used when a contract or rule gives none.'),
  products: list(catalogueProductSchema, 'a list of products', 1).exactOptional()
    .describe('The product catalogue: contracts name its ids and module ids; the product and module facts are found from it.'),
  facts: z.record(factNameSchema, factDefinitionSchema, mapping('a mapping of fact name → fact definition')).default({})
    .describe('Named facts (product, version, module…): from a logical field, else a pattern or word list on the text, else a default.'),
  conditions: z.record(conditionNameSchema, conditionSchema, mapping('a mapping of condition name → condition')).exactOptional()
    .describe('Named conditions, used anywhere a condition goes as { condition: name }.'),
  contracts: list(contractSchema, 'a list of contracts').default([]).describe('Support contracts; at most one per organization at any date.'),
  completeness: completenessSchema.default([])
    .describe('What to ask for: every applicable rule whose require fails adds its missing text, asked when it could change the outcome (mode relevant) or always.'),
  kinds: kindsSchema.exactOptional().describe('Cue words added to or removed from the built-in request kinds.'),
  model: text('the path of a model file written by inscope learn').exactOptional()
    .describe('A request-kind model trained on your own tickets by inscope learn (path relative to this file); it replaces the built-in one. kinds.learned: false turns either off.'),
  coverage: list(coverageRuleSchema, 'a list of coverage rules').default([])
    .describe('Tried top to bottom; the first rule whose when holds decides. None → review.'),
  review: reviewSchema.exactOptional().describe('What a review verdict says when no coverage rule decides.'),
  helpdesks: helpdesksSchema.prefault({}).describe('Where category, status and logical fields live in Zendesk and Jira.'),
  connector: connectorSchema.prefault({}),
  proposals: proposalsSchema.prefault({}),
}, mapping('a mapping with version: 1, vendor, defaults, facts, contracts, completeness and coverage'))
  .transform(({ completeness, ...config }) => ({
    ...config,
    completeness: Array.isArray(completeness) ? completeness : completeness.rules,
    completenessMode: Array.isArray(completeness) ? 'relevant' as const : completeness.mode,
    // A contract without a time zone keeps the vendor's.
    contracts: config.contracts.map((contract) => ({ ...contract, timeZone: contract.timeZone ?? config.defaults.timeZone })),
  }));

export type CoverageConfig = z.output<typeof configSchema>;

// The engine's contract: the parsed config must be usable as a RulesConfig as it is.
type Assignable<T extends U, U> = T;
export type _CoverageConfigIsRulesConfig = Assignable<CoverageConfig, RulesConfig>;
