// The package `npm run build` and `npm run package` make passes the rules of Zendesk's validator, as
// a folder and as a zip; and the check itself refuses what Zendesk refuses (one broken package per rule).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZendeskApp } from '../../../apps/zendesk/scripts/build-zendesk-app.js';
import { checkPackageFiles, checkZendeskPackage } from '../../../apps/zendesk/scripts/check-package.js';
import { packageZendeskApp } from '../../../apps/zendesk/scripts/package-zendesk-app.js';
import { readPackageDir, readPackageZip, type PackageFile } from '../../../apps/zendesk/scripts/read-package-files.js';

let dir: string;
let appDir: string;
let zipPath: string;
let built: PackageFile[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-app-'));
  appDir = path.join(dir, 'zendesk');
  zipPath = path.join(dir, 'inscope-zendesk.zip');
  await buildZendeskApp(appDir, '');
  await packageZendeskApp(appDir, zipPath);
  built = await readPackageDir(appDir);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
const json = (file: string) => JSON.parse(new TextDecoder().decode(built.find((f) => f.path === file)!.bytes)) as Record<string, unknown>;

/** The built package with one file replaced (or removed, with undefined) or added. */
function variant(changes: Record<string, unknown>, extra: PackageFile[] = []): PackageFile[] {
  const files = built.filter((f) => !(f.path in changes) || changes[f.path] !== undefined).map((f) => (f.path in changes ? { ...f, bytes: encode(changes[f.path]) } : f));
  for (const [p, v] of Object.entries(changes)) if (v !== undefined && !files.some((f) => f.path === p)) files.push({ path: p, bytes: encode(v), symlink: false });
  return [...files, ...extra];
}

describe('the built package', () => {
  it('holds the manifest, translations, the iframe page with its bundle, and the logos', () => {
    const paths = built.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['manifest.json', 'translations/en.json', 'translations/nl.json', 'assets/iframe.html', 'assets/logo.png', 'assets/logo-small.png']));
    expect(paths.filter((p) => /^assets\/inscope-[\w-]+\.js$/.test(p))).toHaveLength(1);
    expect(paths.filter((p) => /^assets\/inscope-[\w-]+\.css$/.test(p))).toHaveLength(1);
  });

  it('passes the check as a folder and as the zip, with the manifest at the zip root', async () => {
    for (const target of [appDir, zipPath]) {
      const result = await checkZendeskPackage(target);
      expect(result.errors, target).toEqual([]);
    }
    const entries = readPackageZip(new Uint8Array(fs.readFileSync(zipPath))).map((f) => f.path);
    expect(entries).toContain('manifest.json');
    expect(entries.sort()).toEqual(built.map((f) => f.path).sort());
  });

  it('ships the logos as PNGs of the sizes Zendesk asks for', () => {
    for (const [file, size] of [['assets/logo.png', 320], ['assets/logo-small.png', 128]] as const) {
      const bytes = Buffer.from(built.find((f) => f.path === file)!.bytes);
      expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  // inscope zendesk setup owns the Category field and the webhook (docs/zendesk-setup.md, "Who
  // creates what"): Zendesk would create an app's requirements again on every install.
  it('declares no requirements, so installing the app never adds a second Category field or webhook', () => {
    expect(built.map((f) => f.path)).not.toContain('requirements.json');
  });

  it('adds the connector host to domainWhitelist when built for a connector URL', async () => {
    const out = path.join(dir, 'for-connector');
    await buildZendeskApp(out, 'https://inscope.veldhuis-software.nl/');
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { domainWhitelist: string[] };
    expect(manifest.domainWhitelist).toEqual(['inscope.veldhuis-software.nl']);
    expect((json('manifest.json') as { domainWhitelist: string[] }).domainWhitelist).toEqual([]);
  }, 60_000);

  // Zendesk offers admins no "allowed domains" setting: the host is in the manifest's
  // domainWhitelist, fixed at build time (developer.zendesk.com/apps/docs/apps-v2/manifest).
  it.each(['en', 'nl'])('tells the admin (%s) that the connector URL must be the one the package was built for', (locale) => {
    const instructions = (json(`translations/${locale}.json`) as { app: { installation_instructions: string } }).app.installation_instructions;
    expect(instructions).toContain('domainWhitelist');
    expect(instructions).toContain('npm run build');
    expect(instructions).not.toMatch(/allowed domains|toegestane domeinen/i);
  });

  it('leaves dotfiles and zcli.apps.config.json out of the zip', async () => {
    const copy = path.join(dir, 'with-junk');
    fs.cpSync(appDir, copy, { recursive: true });
    fs.writeFileSync(path.join(copy, '.DS_Store'), 'x');
    fs.writeFileSync(path.join(copy, 'zcli.apps.config.json'), '{"parameters":{}}');
    fs.mkdirSync(path.join(copy, '.git'));
    fs.writeFileSync(path.join(copy, '.git/HEAD'), 'ref');
    const { entries } = await packageZendeskApp(copy, path.join(dir, 'junk.zip'));
    expect(entries.filter((e) => e.startsWith('.') || e.includes('/.') || e === 'zcli.apps.config.json')).toEqual([]);
  });

  it('packages and passes the check after `zcli apps:validate` left its tmp/app-<time>.zip in the folder', async () => {
    const copy = path.join(dir, 'after-zcli');
    fs.cpSync(appDir, copy, { recursive: true });
    fs.mkdirSync(path.join(copy, 'tmp'));
    fs.writeFileSync(path.join(copy, 'tmp/app-20261206120000000.zip'), zipSync({ 'manifest.json': encode(json('manifest.json')) }));
    const { entries } = await packageZendeskApp(copy, path.join(dir, 'after-zcli.zip'));
    expect(entries.filter((e) => e.startsWith('tmp'))).toEqual([]);
    expect((await checkZendeskPackage(copy)).errors).toEqual([]);
  });

  it('says to build first, without a stack, when there is no build to package or check', async () => {
    const missing = path.join(dir, 'never-built');
    await expect(packageZendeskApp(missing, path.join(dir, 'never.zip'))).rejects.toMatchObject({ name: 'BuildError', message: expect.stringContaining('does not exist: build the app first: INSCOPE_CONNECTOR_URL=') });
    await expect(checkZendeskPackage(missing)).rejects.toMatchObject({ name: 'BuildError', message: expect.stringContaining('build the app first') });
    expect(fs.existsSync(path.join(dir, 'never.zip'))).toBe(false);
  });
});

describe('the check refuses what Zendesk refuses', () => {
  const manifest = () => json('manifest.json');
  const en = () => json('translations/en.json') as { app: Record<string, unknown> & { parameters: Record<string, unknown> } };
  // What the app declared before setup became the only owner: a realistic requirements.json for the rules.
  const requirements = (): Record<string, Record<string, Record<string, unknown>>> => ({
    ticket_fields: { inscope_category: { type: 'tagger', title: 'Category', custom_field_options: [{ name: 'Call', value: 'call' }, { name: 'Advisory', value: 'advisory' }] } },
    webhooks: { inscope_ticket_events: { name: 'InScope ticket events', status: 'active', endpoint: '{{setting.connectorUrl}}/webhooks/zendesk', http_method: 'POST', request_format: 'json', subscriptions: ['zen:event-type:ticket.created'] } },
  });
  const symlink: PackageFile = { path: 'assets/link.js', bytes: new Uint8Array(), symlink: true };

  it.each([
    { rule: 'missing_manifest', files: () => variant({ 'manifest.json': undefined }) },
    { rule: 'nested_manifest', files: () => built.map((f) => ({ ...f, path: `inscope/${f.path}` })) },
    { rule: 'duplicate_manifest_keys', files: () => variant({ 'manifest.json': JSON.stringify(manifest()).replace('"version"', '"private":true,"version"') }) },
    { rule: 'manifest_keys.missing', files: () => variant({ 'manifest.json': { ...manifest(), author: undefined } }) },
    { rule: 'manifest_keys.missing', files: () => variant({ 'manifest.json': { ...manifest(), frameworkVersion: undefined } }) },
    { rule: 'invalid_version', files: () => variant({ 'manifest.json': { ...manifest(), frameworkVersion: '1.0' } }) },
    { rule: 'unacceptable_boolean', files: () => variant({ 'manifest.json': { ...manifest(), private: 'yes' } }) },
    { rule: 'missing_translation_file', files: () => variant({ 'manifest.json': { ...manifest(), defaultLocale: 'de' } }) },
    { rule: 'invalid_location_uri', files: () => variant({ 'manifest.json': { ...manifest(), location: { support: { ticket_sidebar: { url: 'dist/iframe.html' } } } } }) },
    { rule: 'invalid_location_uri', files: () => variant({ 'manifest.json': { ...manifest(), location: { support: { ticket_sidebar: { url: 'assets/missing.html' } } } } }) },
    { rule: 'invalid_location_uri', files: () => variant({ 'manifest.json': { ...manifest(), location: { support: { ticket_sidebar: { url: 'http://inscope.example.com/app' } } } } }) },
    { rule: 'invalid_location', files: () => variant({ 'manifest.json': { ...manifest(), location: { support: { ticket_sidebar_x: { url: 'assets/iframe.html' } } } } }) },
    { rule: 'invalid_host', files: () => variant({ 'manifest.json': { ...manifest(), location: { helpdesk: { ticket_sidebar: { url: 'assets/iframe.html' } } } } }) },
    { rule: 'locations_must_be_urls', files: () => variant({ 'manifest.json': { ...manifest(), location: { support: ['ticket_sidebar'] } } }) },
    { rule: 'name_as_parameter_name', files: () => variant({ 'manifest.json': { ...manifest(), parameters: [{ name: 'name', type: 'text' }] } }) },
    { rule: 'invalid_type_parameter', files: () => variant({ 'manifest.json': { ...manifest(), parameters: [{ name: 'x', type: 'password' }] } }) },
    { rule: 'invalid_hidden_parameter', files: () => variant({ 'manifest.json': { ...manifest(), parameters: [{ name: 'x', type: 'hidden', required: true }] } }) },
    { rule: 'field_requires_secure_parameter', files: () => variant({ 'manifest.json': { ...manifest(), parameters: [{ name: 'appSecret', type: 'text', scopes: ['jwt_secret_key'] }] } }) },
    { rule: 'field_contains_invalid_values', files: () => variant({ 'manifest.json': { ...manifest(), parameters: [{ name: 'appSecret', type: 'text', secure: true, scopes: ['jwt'] }] } }) },
    { rule: 'duplicate_parameters', files: () => variant({ 'manifest.json': { ...manifest(), parameters: [{ name: 'a' }, { name: 'a' }] } }) },
    { rule: 'translation.missing_required_key', files: () => variant({ 'translations/en.json': { app: { ...en().app, name: undefined } } }) },
    { rule: 'translation.missing_required_key_on_leaf', files: () => variant({ 'translations/nl.json': { app: { name: 'InScope', parameters: { connectorUrl: { helpText: 'x' } } } } }) },
    { rule: 'translation.invalid_locale', files: () => variant({ 'translations/Dutch.json': { app: { name: 'InScope' } } }) },
    { rule: 'inscope.parameter_label', files: () => variant({ 'translations/en.json': { app: { ...en().app, parameters: { connectorUrl: en().app.parameters['connectorUrl'] } } } }) },
    { rule: 'invalid_requirements_types', files: () => variant({ 'requirements.json': { ...requirements(), custom_statuses: { awaiting: { title: 'Awaiting acceptance' } } } }) },
    { rule: 'missing_required_fields', files: () => variant({ 'requirements.json': { webhooks: { hook: { ...requirements()['webhooks']!['inscope_ticket_events'], endpoint: undefined } } } }) },
    { rule: 'missing_required_fields', files: () => variant({ 'requirements.json': { ticket_fields: { field: { type: 'tagger' } } } }) },
    { rule: 'duplicate_requirements', files: () => variant({ 'requirements.json': '{"ticket_fields":{"a":{"title":"A"},"a":{"title":"B"}}}' }) },
    { rule: 'inscope.setup_owns_objects', files: () => variant({ 'requirements.json': { ticket_fields: requirements()['ticket_fields'] } }) },
    { rule: 'inscope.setup_owns_objects', files: () => variant({ 'requirements.json': { webhooks: requirements()['webhooks'] } }) },
    { rule: 'unsupported_mime_type_detected', files: () => variant({ 'assets/handbook.pdf': 'x' }) },
    { rule: 'unsupported_mime_type_detected', files: () => variant({}, [{ path: 'assets/notes.txt', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), symlink: false }]) },
    { rule: 'symlink_in_zip', files: () => variant({}, [symlink]) },
    { rule: 'inscope.unwanted_files', files: () => variant({ '.DS_Store': 'x' }) },
    { rule: 'inscope.unwanted_files', files: () => variant({ 'zcli.apps.config.json': { parameters: {} } }) },
  ])('reports $rule', ({ rule, files }) => {
    const { errors } = checkPackageFiles(files());
    expect(errors.map((e) => e.key)).toContain(rule);
  });

  it('finds a symlink inside a zip from its Unix mode', () => {
    const zip = zipSync({ 'manifest.json': encode(manifest()), 'assets/link.js': [encode('../../etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    expect(readPackageZip(zip).filter((f) => f.symlink).map((f) => f.path)).toEqual(['assets/link.js']);
  });
});
