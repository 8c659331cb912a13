// `inscope jira setup`: checks, and unless it is a dry run creates, what InScope needs in a Jira
// site. REST endpoints (Jira Cloud platform REST API v3 and the admin webhook API):
//   GET  /rest/api/3/field                                   — find the Category select field
//   POST /rest/api/3/field                                   — create it (type …:select)
//   GET  /rest/api/3/field/{fieldId}/context                 — its contexts
//   GET  /rest/api/3/field/{fieldId}/context/{id}/option     — the options of the first context
//   POST /rest/api/3/field/{fieldId}/context/{id}/option     — add the missing Call/Advisory options
//   GET  /rest/api/3/project/{key}/statuses                  — the statuses the project's workflows use
//   GET  /rest/webhooks/1.0/webhook, POST /rest/webhooks/1.0/webhook — the admin webhook, with a
//        `secret` so that Jira signs deliveries (`X-Hub-Signature`, "Secure admin webhooks")
// Transitions cannot be checked without an issue in the right status: a hidden transition shows at
// decision time as a 'config' error naming the issue (create-jira-helpdesk.ts).
import { randomBytes } from 'node:crypto';
import type { Store } from '../../store/store.js';
import type { JiraClient } from '../client/create-jira-client.js';
import { JIRA_EVENT_TYPES } from '../webhook/jira-delivery.js';
import type { JiraMapping } from '../jira-mapping.js';

export const JIRA_SECRET_SETTING = 'jira.webhook_secret';
export const WEBHOOK_NAME = 'InScope';

export type StepState = 'ok' | 'created' | 'would-create' | 'check' | 'failed';

export interface SetupStep {
  readonly name: string;
  readonly state: StepState;
  readonly detail: string;
}

export interface JiraSetupOptions {
  readonly client: JiraClient;
  readonly mapping?: JiraMapping;
  readonly project?: string;
  /** `$INSCOPE_PUBLIC_URL/webhooks/jira`. */
  readonly endpoint: string;
  readonly store: Store;
  readonly envSecrets: readonly string[];
  readonly dryRun: boolean;
  readonly write: (line: string) => void;
  readonly newSecret?: () => string;
}

export interface JiraSetupResult {
  readonly steps: readonly SetupStep[];
  /** Steps a person must still do. */
  readonly checks: number;
  /** The config names something the site does not have: nothing was changed. */
  readonly failures: number;
}

const CATEGORY_DEFAULTS = { call: 'Call', advisory: 'Advisory' };

export async function runJiraSetup(options: JiraSetupOptions): Promise<JiraSetupResult> {
  const { client, mapping, dryRun } = options;
  const steps: SetupStep[] = [];
  const step = (name: string, state: StepState, detail: string) => {
    steps.push({ name, state, detail });
    options.write(`${state === 'ok' ? '✓' : state === 'check' ? '!' : state === 'failed' ? '✗' : '+'} ${name}: ${detail}`);
  };
  const result = () => ({ steps, checks: steps.filter((s) => s.state === 'check').length, failures: steps.filter((s) => s.state === 'failed').length });

  // 0. Every field id the config names must exist on the site, or every decision would fail to
  // write (or read an empty field): stop before changing anything.
  const fields = await client.getFields();
  if (mapping) {
    const known = new Set(fields.map((f) => f.id));
    const named: [string, string][] = [['categoryField', mapping.categoryField], ...Object.entries(mapping.fields).map(([k, v]): [string, string] => [`fields.${k}`, v])];
    for (const [path, id] of named.filter(([, id]) => !known.has(id))) {
      const suggestion = path === 'categoryField' ? fields.find((f) => f.name === 'Category' && (f.schema?.custom?.endsWith(':select') ?? false)) : undefined;
      step('Config', 'failed', `helpdesks.jira.${path}: ${id} does not exist on this site${suggestion ? ` (a "Category" select list exists as ${suggestion.id})` : ''}`);
    }
    if (steps.length > 0) return result();
  }

  // 1. The Category select field.
  const categories = mapping?.categories ?? CATEGORY_DEFAULTS;
  let fieldId = mapping?.categoryField;
  const configured = fieldId === undefined ? undefined : fields.find((f) => f.id === fieldId);
  if (fieldId !== undefined && configured) {
    const isSelect = configured.schema?.custom?.endsWith(':select') ?? false;
    step('Category field', isSelect ? 'ok' : 'check', isSelect ? `${configured.name} (${fieldId})` : `${fieldId} is not a single select list; InScope writes it as { value }`);
  } else {
    const byName = fields.find((f) => f.name === 'Category' && (f.schema?.custom?.endsWith(':select') ?? false));
    if (byName) {
      fieldId = byName.id;
      step('Category field', 'check', `found "Category" as ${byName.id}; set helpdesks.jira.categoryField: ${byName.id}`);
    } else if (dryRun) {
      fieldId = undefined;
      step('Category field', 'would-create', 'a single select list "Category"');
    } else {
      const created = await client.createSelectField('Category', 'Set by InScope: Call (covered by the support contract) or Advisory (paid consultancy).');
      fieldId = created.id;
      step('Category field', 'created', `"Category" as ${created.id}; set helpdesks.jira.categoryField: ${created.id} and add it to the request types' screens`);
    }
  }

  // 2. Its options.
  if (fieldId !== undefined) {
    const contexts = await client.getFieldContexts(fieldId);
    const context = contexts[0];
    if (!context) step('Category options', 'check', `${fieldId} has no context: add one in Jira settings › Fields`);
    else {
      const existing = await client.getContextOptions(fieldId, context.id);
      const missing = Object.values(categories).filter((v) => !existing.some((o) => o.value.toLowerCase() === v.toLowerCase()));
      if (missing.length === 0) step('Category options', 'ok', Object.values(categories).join(', '));
      else if (dryRun) step('Category options', 'would-create', missing.join(', '));
      else {
        await client.addContextOptions(fieldId, context.id, missing);
        step('Category options', 'created', missing.join(', '));
      }
    }
  } else step('Category options', 'would-create', Object.values(categories).join(', '));

  // 3. The workflow's statuses.
  const statusNames = mapping ? Object.values(mapping.statuses) : ['New', 'Approved'];
  if (options.project) {
    const perType = await client.getProjectStatuses(options.project);
    const known = new Set(perType.flatMap((t) => t.statuses.map((s) => s.name.toLowerCase())));
    const missing = statusNames.filter((n) => !known.has(n.toLowerCase()));
    step(
      'Workflow statuses',
      missing.length === 0 ? 'ok' : 'check',
      missing.length === 0
        ? `${options.project} uses ${statusNames.join(' and ')}; make sure InScope's user may take the transitions into them (no approval step in front of Approved)`
        : `${options.project}'s workflows lack ${missing.join(', ')}: add the status and a transition into it`,
    );
  } else step('Workflow statuses', 'check', `pass --project KEY to check that the workflow has ${statusNames.join(' and ')}`);

  // 4. The admin webhook, registered with a secret so that Jira signs every delivery.
  const hooks = await options.client.listAdminWebhooks();
  const existing = hooks.find((h) => h.url === options.endpoint);
  const stored = await options.store.getSetting(JIRA_SECRET_SETTING);
  if (existing) {
    const missingEvents = JIRA_EVENT_TYPES.filter((e) => !existing.events.includes(e));
    const secretKnown = options.envSecrets.length > 0 || stored !== null;
    step(
      'Webhook',
      missingEvents.length === 0 && secretKnown ? 'ok' : 'check',
      [`"${existing.name}" posts to ${options.endpoint}`, missingEvents.length ? `add the events ${missingEvents.join(', ')}` : '', secretKnown ? '' : 'its secret is unknown here: set JIRA_WEBHOOK_SECRET'].filter(Boolean).join('; '),
    );
  } else if (dryRun) {
    step('Webhook', 'would-create', `"${WEBHOOK_NAME}" → ${options.endpoint} for ${JIRA_EVENT_TYPES.join(', ')}, signed with a new secret`);
  } else {
    const secret = options.envSecrets[0] ?? (options.newSecret ?? (() => randomBytes(32).toString('hex')))();
    await options.client.registerAdminWebhook({
      name: WEBHOOK_NAME,
      url: options.endpoint,
      events: [...JIRA_EVENT_TYPES],
      ...(options.project && { jql: `project = "${options.project}"` }),
      secret,
    });
    if (options.envSecrets.length === 0) await options.store.putSetting(JIRA_SECRET_SETTING, secret);
    step('Webhook', 'created', `"${WEBHOOK_NAME}" → ${options.endpoint}; its secret is ${options.envSecrets.length ? 'JIRA_WEBHOOK_SECRET' : 'kept in the store (serve reads it)'}`);
  }
  return result();
}
