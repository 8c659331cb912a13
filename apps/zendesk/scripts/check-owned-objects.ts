// InScope's rule for requirements.json: the Category field and the ticket-events webhook belong to
// `inscope zendesk setup` (docs/zendesk-setup.md, "Who creates what"). Zendesk creates an app's
// requirements when it is installed and describes no lookup of existing objects
// (developer.zendesk.com/apps/docs/agent/apps_requirements), so declaring either here would give an
// account set up before the app a second field and a second webhook, signed with a secret InScope
// never reads.
import type { Issue } from './check-issue.js';
import { parseStrictJson } from './parse-strict-json.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkOwnedObjects(text: string | undefined): Issue[] {
  if (text === undefined) return [];
  const parsed = parseStrictJson(text);
  if (!parsed.ok || !isObject(parsed.value)) return [];
  const { ticket_fields: fields, webhooks } = parsed.value;
  const owned: string[] = [];
  if (isObject(fields)) {
    for (const [key, field] of Object.entries(fields)) if (isObject(field) && String(field['title'] ?? '').trim().toLowerCase() === 'category') owned.push(`ticket_fields.${key} (the Category field)`);
  }
  if (isObject(webhooks)) {
    for (const [key, hook] of Object.entries(webhooks)) if (isObject(hook) && /\/webhooks\/zendesk\/?$/.test(String(hook['endpoint'] ?? ''))) owned.push(`webhooks.${key} (InScope's ticket-events webhook)`);
  }
  return owned.length === 0 ? [] : [{
    key: 'inscope.setup_owns_objects',
    message: `requirements.json declares ${owned.join(' and ')}: inscope zendesk setup creates and checks these; Zendesk would add a second on every install (docs/zendesk-setup.md, "Who creates what")`,
  }];
}
