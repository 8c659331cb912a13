// requirements.json rules of Zendesk's validator (zendesk_apps_support validations/requirements.rb,
// app_requirement.rb): JSON without duplicate keys, known resource types, at most 5000 resources,
// a `title` on each (except channel integrations, custom objects and webhooks), `key` on user and
// organization fields, name/status/endpoint/http_method/request_format on webhooks, no http targets.
import type { Issue } from './check-issue.js';
import { parseStrictJson } from './parse-strict-json.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const TYPES = ['automations', 'channel_integrations', 'custom_objects', 'macros', 'targets', 'views', 'ticket_fields', 'triggers', 'user_fields', 'organization_fields', 'webhooks', 'custom_objects_v2'];
const NO_TITLE = ['channel_integrations', 'custom_objects', 'webhooks', 'custom_objects_v2'];
const WEBHOOK_KEYS = ['name', 'status', 'endpoint', 'http_method', 'request_format'];
const MAX_REQUIREMENTS = 5000;

export function checkRequirements(text: string | undefined, manifest: Json): Issue[] {
  const issues: Issue[] = [];
  const error = (key: string, message: string) => issues.push({ key, message });
  const requirementsOnly = manifest['requirementsOnly'] === true;
  if (text === undefined) return requirementsOnly ? [{ key: 'missing_requirements', message: 'a requirements-only app needs requirements.json' }] : [];
  if (manifest['marketingOnly'] === true) return [{ key: 'requirements_not_supported', message: 'a marketing-only app cannot have requirements' }];
  const parsed = parseStrictJson(text);
  if (!parsed.ok) return [{ key: parsed.duplicates ? 'duplicate_requirements' : 'requirements_not_json', message: `requirements.json: ${parsed.error}` }];
  if (!isObject(parsed.value)) return [{ key: 'requirements_not_json', message: 'requirements.json must hold a JSON object' }];
  const requirements = parsed.value;

  const invalid = Object.keys(requirements).filter((k) => !TYPES.includes(k));
  if (invalid.length > 0) error('invalid_requirements_types', `unknown requirement types: ${invalid.join(', ')}`);
  const count = Object.values(requirements).reduce<number>((n, group) => n + (isObject(group) ? Object.keys(group).length : Array.isArray(group) ? group.length : 1), 0);
  if (count > MAX_REQUIREMENTS) error('excessive_requirements', `${count} requirements; at most ${MAX_REQUIREMENTS}`);

  for (const [type, group] of Object.entries(requirements)) {
    if (!isObject(group)) continue;
    for (const [identifier, fields] of Object.entries(group)) {
      if (!isObject(fields)) continue;
      if (!NO_TITLE.includes(type) && !('title' in fields)) error('missing_required_fields', `${type}.${identifier} is missing "title"`);
      if ((type === 'user_fields' || type === 'organization_fields') && !('key' in fields)) error('missing_required_fields', `${type}.${identifier} is missing "key"`);
      if (type === 'channel_integrations' && !('manifest_url' in fields)) error('missing_required_fields', `${type}.${identifier} is missing "manifest_url"`);
      if (type === 'webhooks') for (const key of WEBHOOK_KEYS) if (!(key in fields)) error('missing_required_fields', `webhooks.${identifier} is missing "${key}"`);
      if (type === 'targets' && (fields['type'] === 'http_target' || fields['type'] === 'url_target_v2')) error('invalid_requirements_types', `targets.${identifier}: type ${String(fields['type'])} is not allowed`);
    }
    if (type === 'channel_integrations' && Object.keys(group).length > 1) error('multiple_channel_integrations', 'at most one channel integration');
  }
  return issues;
}
