// The Category dropdown (a `tagger` ticket field) whose option tags are the logical categories
// from `helpdesks.zendesk.categories`. Found by the configured id, else by its title; missing
// options are added with an update that resends every existing option, because Zendesk removes
// the options an update leaves out (specs/zendesk/ticket-fields.yml, Update Ticket Field).
import type { ZendeskFieldOption, ZendeskTicketField } from '../client/zendesk-api-types.js';
import type { ZendeskSetupApi } from '../client/zendesk-setup-api.js';
import type { SetupIds, SetupStep } from './setup-step.js';

export const CATEGORY_FIELD_TITLE = 'Category';

export interface CategoryFieldTarget {
  /** The id in the config, when it names one. */
  readonly configuredId?: number;
  /** Option tags: `helpdesks.zendesk.categories`. */
  readonly tags: { readonly call: string; readonly advisory: string };
}

export function desiredCategoryOptions(tags: CategoryFieldTarget['tags']): { name: string; value: string }[] {
  return [
    { name: 'Call', value: tags.call },
    { name: 'Advisory', value: tags.advisory },
  ];
}

const isCategoryDropdown = (f: ZendeskTicketField) => f.type === 'tagger' && f.title.trim().toLowerCase() === CATEGORY_FIELD_TITLE.toLowerCase();

/** The configured field, else the Category dropdown that already has InScope's options, else the first one. */
function findField(fields: readonly ZendeskTicketField[], target: CategoryFieldTarget): ZendeskTicketField | undefined {
  if (target.configuredId !== undefined) {
    const byId = fields.find((f) => f.id === target.configuredId);
    if (byId) return byId;
  }
  const dropdowns = fields.filter(isCategoryDropdown);
  const values = Object.values(target.tags);
  return dropdowns.find((f) => values.every((v) => f.custom_field_options?.some((o) => o.value === v))) ?? dropdowns[0];
}

/**
 * Setup owns the field and never makes a second one (docs/zendesk-setup.md, "Who creates what");
 * a second Category dropdown, such as an older app's requirements.json created, is named so that
 * agents do not fill in one InScope never reads.
 */
function duplicateSteps(fields: readonly ZendeskTicketField[], field: ZendeskTicketField): SetupStep[] {
  return fields
    .filter((f) => f.id !== field.id && f.active !== false && isCategoryDropdown(f))
    .map((f) => ({
      action: 'check' as const,
      what: `ticket field "${f.title}" (id ${f.id})`,
      detail: `is a second Category dropdown: InScope reads and sets only id ${field.id}; deactivate or delete this one in Admin Center → Objects and rules → Tickets → Fields`,
    }));
}

export function planCategoryField(
  api: Pick<ZendeskSetupApi, 'createTicketField' | 'updateTicketField'>,
  fields: readonly ZendeskTicketField[],
  target: CategoryFieldTarget,
  ids: SetupIds,
): SetupStep[] {
  const field = findField(fields, target);
  return [...planField(api, field, target, ids), ...(field ? duplicateSteps(fields, field) : [])];
}

function planField(
  api: Pick<ZendeskSetupApi, 'createTicketField' | 'updateTicketField'>,
  field: ZendeskTicketField | undefined,
  target: CategoryFieldTarget,
  ids: SetupIds,
): SetupStep[] {
  const wanted = desiredCategoryOptions(target.tags);
  const what = `ticket field "${CATEGORY_FIELD_TITLE}"`;
  const steps: SetupStep[] = [];
  if (target.configuredId !== undefined && field?.id !== target.configuredId) {
    steps.push({ action: 'check', what: `categoryField ${target.configuredId}`, detail: 'from the config does not exist in this account' });
  }

  if (!field) {
    const body = {
      type: 'tagger',
      title: CATEGORY_FIELD_TITLE,
      description: 'Call or advisory: set by InScope',
      custom_field_options: wanted,
    };
    steps.push({
      action: 'create',
      what,
      detail: `(dropdown: ${wanted.map((o) => `${o.name} → ${o.value}`).join(', ')})`,
      apply: async () => {
        const created = await api.createTicketField(body);
        ids.categoryField = created.id;
        return `created ${what} (id ${created.id})`;
      },
    });
    return steps;
  }

  ids.categoryField = field.id;
  if (field.type !== 'tagger') {
    steps.push({ action: 'check', what: `${what} (id ${field.id})`, detail: `is a ${field.type} field, not a dropdown: point categoryField at a dropdown` });
    return steps;
  }
  const existing: readonly ZendeskFieldOption[] = field.custom_field_options ?? [];
  const missing = wanted.filter((w) => !existing.some((o) => o.value === w.value));
  const inactive = field.active === false;
  if (missing.length === 0 && !inactive) {
    steps.push({ action: 'ok', what: `${what} (id ${field.id})`, detail: `has options ${wanted.map((o) => o.value).join(', ')}` });
    return steps;
  }
  const options = [...existing.map((o) => ({ name: o.name, value: o.value })), ...missing];
  const changes = [
    ...(missing.length > 0 ? [`add options ${missing.map((o) => o.value).join(', ')}`] : []),
    ...(inactive ? ['activate it'] : []),
  ];
  steps.push({
    action: 'update',
    what: `${what} (id ${field.id})`,
    detail: `: ${changes.join(', ')}`,
    apply: async () => {
      await api.updateTicketField(field.id, { ...(inactive && { active: true }), custom_field_options: options });
      return `updated ${what} (id ${field.id}): ${changes.join(', ')}`;
    },
  });
  return steps;
}
