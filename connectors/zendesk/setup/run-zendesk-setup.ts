// Prints a setup plan, applies it unless it is a dry run, and tells the operator what is left to do:
// the ids to put in the config and the webhook secret to give the service. Secrets are never written.
import { formatStep, type SetupIds } from './setup-step.js';
import { DEFAULT_CATEGORY_TAGS, type ZendeskSetupMapping, type ZendeskSetupPlan } from './plan-zendesk-setup.js';
import { WEBHOOK_NAME, WEBHOOK_SECRET_SETTING } from './plan-webhook.js';

export interface RunSetupOptions {
  readonly dryRun: boolean;
  readonly write: (line: string) => void;
  readonly mapping?: ZendeskSetupMapping;
  /** Named in the advice about ids. */
  readonly configFile: string;
}

export interface SetupResult {
  readonly applied: number;
  /** Steps that need a person (the `check` lines). */
  readonly checks: number;
}

/** The `helpdesks.zendesk` lines to change, or none when the config already has these ids. */
export function configAdvice(ids: SetupIds, mapping: ZendeskSetupMapping | undefined): string[] {
  const differs = (a: number | undefined, b: number | undefined) => a !== undefined && a !== b;
  const lines: string[] = [];
  if (differs(ids.categoryField, mapping?.categoryField)) lines.push(`    categoryField: ${ids.categoryField}`);
  const { new: newId, approved } = ids.statuses;
  if (differs(newId, mapping?.statuses?.new) || differs(approved, mapping?.statuses?.approved)) {
    lines.push(`    statuses: { new: ${newId ?? '<id>'}, approved: ${approved ?? '<id>'} }`);
  }
  if (lines.length === 0) return [];
  // A config without helpdesks.zendesk needs the whole mapping: categories is required too.
  if (mapping === undefined) {
    lines.splice(1, 0, `    categories: { call: ${DEFAULT_CATEGORY_TAGS.call}, advisory: ${DEFAULT_CATEGORY_TAGS.advisory} }`);
    lines.push('    fields: {}   # logical field → custom field id, e.g. { product: 360001000002, version: 360001000003 }');
  }
  return ['helpdesks:', '  zendesk:', ...lines];
}

export async function runZendeskSetup(plan: ZendeskSetupPlan, options: RunSetupOptions): Promise<SetupResult> {
  const { write } = options;
  const writes = plan.steps.filter((s) => s.apply !== undefined);
  const checks = plan.steps.filter((s) => s.action === 'check').length;
  write('Plan:');
  for (const step of plan.steps) write(formatStep(step));

  if (options.dryRun) {
    write('');
    write(writes.length === 0 ? 'Dry run: nothing to change.' : `Dry run: nothing was changed; ${writes.length} change(s) would be made. Run without --dry-run to apply.`);
  } else if (writes.length === 0) {
    write('');
    write('Nothing to change.');
  } else {
    write('');
    write('Applying:');
    for (const step of writes) write(`  ${await step.apply!()}`);
  }

  const advice = configAdvice(plan.ids, options.mapping);
  if (advice.length > 0) {
    write('');
    write(`${options.dryRun && writes.length > 0 ? 'After applying, put' : 'Put'} these ids in ${options.configFile}:`);
    for (const line of advice) write(`  ${line}`);
  }
  if (plan.envSecret === 'unset' || plan.envSecret === 'differs') {
    write('');
    write(
      `Then set ZENDESK_WEBHOOK_SECRET for the service to the webhook's signing secret: Admin Center → Apps and integrations → Webhooks → "${WEBHOOK_NAME}" → Reveal secret (setup keeps a copy in the store as ${WEBHOOK_SECRET_SETTING}). Until it is set, the service refuses the webhook's deliveries.`,
    );
  }
  if (checks > 0) {
    write('');
    write(`${checks} item(s) need attention: see the "check" lines above.`);
  }
  return { applied: options.dryRun ? 0 : writes.length, checks };
}
