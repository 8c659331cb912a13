// Translation rules of Zendesk's validator (zendesk_apps_support validations/translations.rb):
// translations/<locale>.json with a valid locale, a JSON object, a label on every parameter it
// names, and in en.json `app.name` (plus the marketplace texts when the app is public). InScope adds
// one rule Zendesk enforces only when the settings page renders: every manifest parameter has a label
// in the default locale's file.
import type { Issue } from './check-issue.js';
import { VALID_LOCALE } from './check-manifest.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const PRODUCTS = ['support', 'chat', 'standalone_chat', 'sell'];

export function checkTranslations(files: ReadonlyMap<string, string>, manifest: Json): Issue[] {
  const issues: Issue[] = [];
  const error = (key: string, message: string) => issues.push({ key, message });
  for (const [file, text] of files) {
    const match = /^translations\/(.*)\.json$/.exec(file);
    if (!match) continue;
    if (!VALID_LOCALE.test(match[1]!)) error('translation.invalid_locale', `${file}: "${match[1]}" is not a valid locale`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      error('translation.not_json', `${file}: ${(e as Error).message}`);
      continue;
    }
    if (!isObject(json)) {
      error('translation.not_json_object', `${file} must hold a JSON object`);
      continue;
    }
    const app = isObject(json['app']) ? json['app'] : {};
    if (isObject(app['parameters'])) {
      for (const [param, node] of Object.entries(app['parameters'])) if (!isObject(node) || !('label' in node)) error('translation.missing_required_key_on_leaf', `${file}: app.parameters.${param} has no "label"`);
    }
    if (file === 'translations/en.json') {
      const isPrivate = manifest['private'] !== false;
      const wanted = isPrivate ? ['name'] : ['name', 'short_description', 'installation_instructions', 'long_description'];
      const productKeys = Object.keys(app).filter((k) => PRODUCTS.includes(k));
      const scopes = productKeys.length > 0 ? productKeys.map((p) => [p, app[p]] as const) : [['app', app] as const];
      for (const [scope, node] of scopes) {
        const keys = Object.keys(isObject(node) ? node : {}).map((k) => (k === 'description' ? 'short_description' : k));
        const missing = wanted.filter((k) => !keys.includes(k));
        if (missing.length > 0) error('translation.missing_required_key', `${file}: ${scope} is missing ${missing.join(', ')}`);
      }
    }
  }
  const locale = typeof manifest['defaultLocale'] === 'string' ? manifest['defaultLocale'] : 'en';
  const text = files.get(`translations/${locale}.json`);
  if (text !== undefined) {
    let labels: unknown;
    try {
      labels = (JSON.parse(text) as { app?: { parameters?: unknown } }).app?.parameters;
    } catch {
      labels = undefined;
    }
    const parameters = Array.isArray(manifest['parameters']) ? manifest['parameters'].filter(isObject) : [];
    for (const p of parameters) {
      const node = isObject(labels) ? labels[String(p['name'])] : undefined;
      if (!isObject(node) || typeof node['label'] !== 'string' || node['label'] === '') error('inscope.parameter_label', `translations/${locale}.json has no app.parameters.${String(p['name'])}.label`);
    }
  }
  return issues;
}
