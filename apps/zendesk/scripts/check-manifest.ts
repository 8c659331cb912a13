// The manifest rules of Zendesk's validator, ported from zendesk_apps_support
// (github.com/zendesk/zendesk_apps_support, lib/zendesk_apps_support/validations/manifest.rb, with
// manifest.rb, manifest/parameter.rb, location.rb, product.rb and app_version.rb for the tables),
// as of commit f3de3c7 (August 2026). Each issue names the validator's error key.
import type { Issue } from './check-issue.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** product.rb: name and legacy name per product. */
const PRODUCTS: Record<string, string> = { support: 'zendesk', chat: 'zopim', standalone_chat: 'lotus_box', sell: 'sell' };
/** location.rb LOCATIONS_AVAILABLE (custom_object_record_sidebar only behind a flag, so refused here). */
const LOCATIONS: Record<string, readonly string[]> = {
  support: ['top_bar', 'nav_bar', 'ticket_sidebar', 'new_ticket_sidebar', 'user_sidebar', 'organization_sidebar', 'background', 'modal', 'ticket_editor', 'system_top_bar'],
  chat: ['chat_sidebar', 'background'],
  standalone_chat: ['nav_bar', 'system_top_bar'],
  sell: ['deal_card', 'person_card', 'company_card', 'lead_card', 'background', 'modal', 'dashboard', 'note_editor', 'call_log_editor', 'email_editor', 'top_bar', 'visit_editor'],
};
/** app_version.rb TO_BE_SERVED. */
const FRAMEWORK_VERSIONS = ['2.0'];
/** manifest/parameter.rb TYPES minus `mtls` (allowed only with validate_mtls_param). */
const PARAMETER_TYPES = ['text', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'];
const SECURE_PARAM_SCOPES = ['header', 'body', 'url', 'jwt_secret_key', 'jwt_claim', 'basic_auth_username', 'basic_auth_password'];
const OAUTH_REQUIRED_FIELDS = ['client_id', 'client_secret', 'authorize_uri', 'access_token_uri'];
/** translations.rb VALID_LOCALE. */
export const VALID_LOCALE = /^[a-z]{2,3}(-\w{2,3})?$/;

function validUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function checkManifest(manifest: Json, hasFile: (path: string) => boolean): Issue[] {
  const issues: Issue[] = [];
  const error = (key: string, message: string) => issues.push({ key, message });

  // missing_keys_error: author and defaultLocale are always required.
  for (const key of ['author', 'defaultLocale']) if (manifest[key] === undefined || manifest[key] === null) error('manifest_keys.missing', `manifest.json is missing "${key}"`);

  // type_checks: booleans, strings, experiments, domainWhitelist, parameters.
  for (const key of ['requirementsOnly', 'marketingOnly', 'singleInstall', 'signedUrls', 'private']) {
    const v = manifest[key];
    if (v !== undefined && v !== null && typeof v !== 'boolean') error('unacceptable_boolean', `"${key}" must be true or false, not ${JSON.stringify(v)}`);
  }
  for (const key of ['defaultLocale', 'version', 'frameworkVersion', 'remoteInstallationURL', 'termsConditionsURL', 'gaID']) {
    const v = manifest[key];
    if (v !== undefined && v !== null && typeof v !== 'string') error('unacceptable_string', `"${key}" must be a string`);
  }
  const author = manifest['author'];
  if (isObject(author)) {
    for (const key of ['name', 'email', 'url']) if (author[key] !== undefined && author[key] !== null && typeof author[key] !== 'string') error('unacceptable_string', `"author ${key}" must be a string`);
    if (typeof author['url'] === 'string' && !validUrl(author['url'])) error('invalid_url', `author url ${author['url']} is not a valid URL`);
  }
  if (typeof manifest['termsConditionsURL'] === 'string' && !validUrl(manifest['termsConditionsURL'])) error('invalid_url', 'termsConditionsURL is not a valid URL');
  if (manifest['experiments'] !== undefined && !isObject(manifest['experiments'])) error('unacceptable_hash', '"experiments" must be an object');
  const whitelist = manifest['domainWhitelist'];
  if (whitelist !== undefined && whitelist !== null && !(Array.isArray(whitelist) && whitelist.every((d) => typeof d === 'string'))) error('unacceptable_array_of_strings', '"domainWhitelist" must be an array of strings');

  // default_locale_error: a valid locale with its translations file.
  const locale = manifest['defaultLocale'];
  if (typeof locale === 'string') {
    if (!VALID_LOCALE.test(locale)) error('invalid_default_locale', `defaultLocale "${locale}" is not a valid locale`);
    else if (!hasFile(`translations/${locale}.json`)) error('missing_translation_file', `translations/${locale}.json is missing for defaultLocale "${locale}"`);
  }

  const requirementsOnly = manifest['requirementsOnly'] === true;
  const marketingOnly = manifest['marketingOnly'] === true;
  checkParameters(manifest, marketingOnly, error);
  if (isObject(manifest['oauth'])) {
    const oauth = manifest['oauth'];
    const missing = OAUTH_REQUIRED_FIELDS.filter((k) => !oauth[k]);
    if (missing.length > 0) error('oauth_keys.missing', `oauth is missing ${missing.join(', ')}`);
  }

  const location = manifest['location'];
  const frameworkVersion = manifest['frameworkVersion'];
  if (requirementsOnly || marketingOnly) {
    if (location !== undefined && !(isObject(location) && Object.keys(location).length === 0)) error('no_location_required', 'a requirements-only or marketing-only app has no location');
    if (frameworkVersion !== undefined && frameworkVersion !== null) error('no_framework_version_required', 'a requirements-only or marketing-only app has no frameworkVersion');
    return issues;
  }
  if (frameworkVersion === undefined || frameworkVersion === null) error('manifest_keys.missing', 'manifest.json is missing "frameworkVersion"');
  else if (!FRAMEWORK_VERSIONS.includes(String(frameworkVersion))) error('invalid_version', `frameworkVersion ${JSON.stringify(frameworkVersion)} is not served; use one of ${FRAMEWORK_VERSIONS.join(', ')}`);
  if (manifest['noTemplate'] !== undefined && manifest['noTemplate'] !== false) error('no_template_deprecated_in_v2', 'noTemplate is not allowed in framework version 2');
  checkLocations(location, hasFile, error);
  return issues;
}

function checkParameters(manifest: Json, marketingOnly: boolean, error: (key: string, message: string) => void): void {
  const original = manifest['parameters'];
  if (original !== undefined && original !== null && !Array.isArray(original)) return error('parameters_not_an_array', '"parameters" must be an array');
  const parameters = (Array.isArray(original) ? original : []).filter(isObject);
  if (marketingOnly) {
    if (parameters.length > 0) error('no_parameters_required', 'a marketing-only app has no parameters');
    return;
  }
  const names = parameters.map((p) => p['name']);
  const duplicates = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (duplicates.length > 0) error('duplicate_parameters', `duplicate parameters: ${duplicates.join(', ')}`);
  for (const p of parameters) {
    const name = String(p['name']);
    const type = typeof p['type'] === 'string' ? p['type'] : 'text';
    const secure = p['secure'] ?? false;
    for (const key of ['required', 'secure']) if (p[key] !== undefined && p[key] !== null && typeof p[key] !== 'boolean') error('unacceptable_boolean', `parameters[name="${name}"].${key} must be true or false`);
    if (!PARAMETER_TYPES.includes(type)) error('invalid_type_parameter', `parameter "${name}" has type "${type}"; allowed: ${PARAMETER_TYPES.join(', ')}`);
    if (type === 'hidden' && p['required'] === true) error('invalid_hidden_parameter', `hidden parameter "${name}" cannot be required`);
    if (type === 'oauth' && secure === true) error('oauth_parameter_cannot_be_secure', `oauth parameter "${name}" cannot be secure`);
    if (name === 'name') error('name_as_parameter_name', 'a parameter cannot be called "name"');
    const scopes = p['scopes'];
    if (scopes === undefined || scopes === null) continue;
    if (secure !== true) error('field_requires_secure_parameter', `parameters[name="${name}"].scopes needs a secure parameter`);
    if (!Array.isArray(scopes)) {
      error('unacceptable_array', `parameters[name="${name}"].scopes must be an array`);
      continue;
    }
    if (scopes.length === 0) error('field_cannot_be_empty', `parameters[name="${name}"].scopes cannot be empty`);
    const invalid = scopes.filter((s) => !SECURE_PARAM_SCOPES.includes(String(s)));
    if (invalid.length > 0) error('field_contains_invalid_values', `parameters[name="${name}"].scopes has invalid values: ${invalid.join(', ')}`);
  }
  if (parameters.filter((p) => p['type'] === 'oauth').length > 1) error('too_many_oauth_parameters', 'at most one oauth parameter');
  if (isObject(manifest['oauth']) && !parameters.some((p) => p['type'] === 'oauth')) error('oauth_parameter_required', 'an oauth manifest needs an oauth parameter');
}

function checkLocations(location: unknown, hasFile: (path: string) => boolean, error: (key: string, message: string) => void): void {
  // A v2 app's locations are objects of product → location → { url } (or the url string): a bare
  // location name or array is the v1 form (location_framework_mismatch: locations_must_be_urls).
  if (!isObject(location) || Object.keys(location).length === 0) return error('manifest_keys.missing', 'manifest.json is missing "location"');
  for (const [host, locations] of Object.entries(location)) {
    const product = Object.keys(PRODUCTS).find((p) => p === host || PRODUCTS[p] === host);
    if (!product) {
      error('invalid_host', `unknown host "${host}"`);
      continue;
    }
    if (!isObject(locations)) {
      error('locations_must_be_urls', `location.${host} must map location names to URLs`);
      continue;
    }
    const unknown = Object.keys(locations).filter((l) => !LOCATIONS[product]!.includes(l));
    if (unknown.length > 0) error('invalid_location', `unknown ${product} locations: ${unknown.join(', ')}`);
    for (const [name, raw] of Object.entries(locations)) {
      const options = typeof raw === 'string' ? { url: raw } : isObject(raw) ? raw : null;
      if (!options) {
        error('locations_must_be_urls', `location.${host}.${name} must be a URL or an object with "url"`);
        continue;
      }
      const url = options['url'];
      if (typeof url === 'string' && url !== '') {
        if (!url.includes('{{setting.') && !validLocationUri(url, hasFile)) error('invalid_location_uri', `location.${host}.${name} URL "${url}" must be https (or localhost) or a file under assets/ that exists`);
      } else if (options['autoLoad'] !== false) error('blank_location_uri', `location.${host}.${name} has no URL`);
      const flexible = options['flexible'];
      if (flexible !== undefined && flexible !== null && typeof flexible !== 'boolean') error('invalid_location_flexible_type', `location.${host}.${name}.flexible must be true or false`);
    }
  }
}

/** invalid_location_uri_error: absolute URIs must be https or localhost; relative ones start with assets/ and exist. */
function validLocationUri(uri: string, hasFile: (path: string) => boolean): boolean {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) {
    try {
      const url = new URL(uri);
      return url.protocol === 'https:' || url.hostname === 'localhost';
    } catch {
      return false;
    }
  }
  const pathOnly = uri.split(/[?#]/)[0]!;
  return pathOnly.startsWith('assets/') && hasFile(pathOnly);
}
