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

function findField(fields: readonly ZendeskTicketField[], target: CategoryFieldTarget): ZendeskTicketField | undefined {
  if (target.configuredId !== undefined) {
    const byId = fields.find((f) => f.id === target.configuredId);
    if (byId) return byId;
  }
  return fields.find((f) => f.type === 'tagger' && f.title.trim().toLowerCase() === CATEGORY_FIELD_TITLE.toLowerCase());
}

export function planCategoryField(
  api: Pick<ZendeskSetupApi, 'createTicketField' | 'updateTicketField'>,
  fields: readonly ZendeskTicketField[],
  target: CategoryFieldTarget,
  ids: SetupIds,
): SetupStep[] {
  const wanted = desiredCategoryOptions(target.tags);
  const what = `ticket field "${CATEGORY_FIELD_TITLE}"`;
  const steps: SetupStep[] = [];
  const field = findField(fields, target);
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
