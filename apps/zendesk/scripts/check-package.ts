// The offline package check: `zcli apps:validate` needs a Zendesk account, so this applies the rules
// of Zendesk's own validator (zendesk_apps_support, Package#validate in lib/zendesk_apps_support/
// package.rb and validations/*.rb) to a built folder or a zip, plus InScope's packaging rules
// (no dotfiles, no zcli.apps.config.json, the logos present). Errors fail; warnings are what
// Zendesk reports as warnings (secure_settings.rb, requests.rb, secrets.rb).
//
//   node --import tsx apps/zendesk/scripts/check-package.ts dist/zendesk dist/inscope-zendesk.zip
import fs from 'node:fs/promises';
import path from 'node:path';
import { BuildError, runScript } from '../../scripts/build-error.js';
import type { Issue } from './check-issue.js';
import { checkManifest } from './check-manifest.js';
import { checkOwnedObjects } from './check-owned-objects.js';
import { checkRequirements } from './check-requirements.js';
import { checkTranslations } from './check-translations.js';
import { parseStrictJson } from './parse-strict-json.js';
import { readPackageDir, readPackageZip, type PackageFile } from './read-package-files.js';

export type { Issue } from './check-issue.js';

export interface CheckResult {
  readonly errors: readonly Issue[];
  readonly warnings: readonly Issue[];
  readonly files: readonly string[];
}

/** validations/mime.rb UNSUPPORTED_MIME_TYPES, matched on the extension and on the content's type. */
const UNSUPPORTED = ['vnd.rar', 'rar', 'zip', 'gzip', 'pdf', 'doc', 'docx', 'avi', 'bin', 'bz', 'bz2', 'csh', 'sh', 'jar', 'mp3', 'mpeg', 'odt', 'pptx', 'ppt', 'xls', 'xlsx', '7z'];
const MAGIC: readonly [string, readonly number[]][] = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['gzip', [0x1f, 0x8b]],
  ['rar', [0x52, 0x61, 0x72, 0x21]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf]],
  ['bz2', [0x42, 0x5a, 0x68]],
];
/** marketplace.rb WHITELISTED_EXPERIMENTS. */
const EXPERIMENTS = ['hashParams', 'newCssCompiler'];
const LOGOS = ['assets/logo.png', 'assets/logo-small.png'];

function blockListed(file: PackageFile): boolean {
  const extension = path.extname(file.path).slice(1).toLowerCase();
  const sniffed = MAGIC.find(([, magic]) => magic.every((b, i) => file.bytes[i] === b))?.[0];
  return UNSUPPORTED.includes(extension) || (sniffed !== undefined && UNSUPPORTED.includes(sniffed));
}

export function checkPackageFiles(files: readonly PackageFile[]): CheckResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const paths = new Set(files.map((f) => f.path));
  const text = new Map(files.filter((f) => !f.symlink).map((f) => [f.path, new TextDecoder().decode(f.bytes)]));
  const result = () => ({ errors, warnings, files: [...paths] });

  // manifest.rb call: manifest.json at the root, not one folder down.
  if (!paths.has('manifest.json')) {
    const nested = [...paths].find((p) => /^[^/]+\/manifest\.json$/.test(p));
    errors.push(nested ? { key: 'nested_manifest', message: `manifest.json is at ${nested}: it must be at the package root` } : { key: 'missing_manifest', message: 'Could not find manifest.json' });
    return result();
  }
  const parsed = parseStrictJson(text.get('manifest.json') ?? '');
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    errors.push({ key: parsed.ok ? 'manifest_not_json' : parsed.duplicates ? 'duplicate_manifest_keys' : 'manifest_not_json', message: `manifest.json: ${parsed.ok ? 'not a JSON object' : parsed.error}` });
    return result();
  }
  const manifest = parsed.value as Record<string, unknown>;
  const manifestErrors = checkManifest(manifest, (p) => paths.has(p));
  errors.push(...manifestErrors);
  // package.rb validate: the other validations run only on a valid manifest.
  if (manifestErrors.length === 0) {
    if (files.some((f) => f.symlink)) errors.push({ key: 'symlink_in_zip', message: `symlinks are not allowed: ${files.filter((f) => f.symlink).map((f) => f.path).join(', ')}` });
    const experiments = typeof manifest['experiments'] === 'object' && manifest['experiments'] ? Object.entries(manifest['experiments']).filter(([, on]) => on).map(([k]) => k) : [];
    for (const e of experiments.filter((x) => !EXPERIMENTS.includes(x))) errors.push({ key: 'invalid_experiment', message: `experiment "${e}" is not allowed` });
    if ((manifest['requirementsOnly'] === true || manifest['marketingOnly'] === true) && [...paths].some((p) => /\.jsx?$/.test(p) || /^templates\/.*\.hdbs$/.test(p))) errors.push({ key: 'no_source_required_apps', message: 'a requirements-only or marketing-only app ships no source' });
    errors.push(...checkTranslations(text, manifest));
    errors.push(...checkRequirements(text.get('requirements.json'), manifest));
    warnings.push(...secureSettingWarnings(manifest), ...insecureRequestWarnings(text));
  }
  const blocked = files.filter(blockListed).map((f) => f.path);
  if (blocked.length > 0) errors.push({ key: 'unsupported_mime_type_detected', message: `file types Zendesk refuses: ${blocked.join(', ')}` });

  // InScope's packaging rules (issue 5): nothing hidden, no zcli config, the listing logos present.
  const hidden = [...paths].filter((p) => p.split('/').some((part) => part.startsWith('.')) || p === 'zcli.apps.config.json');
  if (hidden.length > 0) errors.push({ key: 'inscope.unwanted_files', message: `dotfiles or zcli.apps.config.json in the package: ${hidden.join(', ')}` });
  errors.push(...checkOwnedObjects(text.get('requirements.json')));
  for (const logo of LOGOS) if (!paths.has(logo)) warnings.push({ key: 'inscope.missing_logo', message: `${logo} is missing (needed for a listed app)` });
  return result();
}

/** secure_settings.rb: token-like names left insecure, secure or hidden defaults, secure parameters without scopes. */
function secureSettingWarnings(manifest: Record<string, unknown>): Issue[] {
  const parameters = Array.isArray(manifest['parameters']) ? (manifest['parameters'] as Record<string, unknown>[]) : [];
  const out: Issue[] = [];
  for (const p of parameters) {
    const name = String(p['name']);
    if (/token|key|pwd|password/i.test(name) && (p['type'] ?? 'text') === 'text' && p['secure'] !== true) out.push({ key: 'insecure_token_parameter_in_manifest', message: `parameter "${name}" looks secret but is not secure` });
    if ('default' in p && (p['secure'] === true || p['type'] === 'hidden')) out.push({ key: 'default_secure_or_hidden_parameter_in_manifest', message: `parameter "${name}" is secure or hidden and has a default` });
    if (p['secure'] === true && !(Array.isArray(p['scopes']) && p['scopes'].length > 0)) out.push({ key: 'secure_parameters_with_no_scopes_in_manifest', message: `secure parameter "${name}" has no scopes` });
  }
  return out;
}

/** requests.rb: plain http:// URLs in the app's JS and HTML. */
function insecureRequestWarnings(text: ReadonlyMap<string, string>): Issue[] {
  const out: Issue[] = [];
  for (const [file, content] of text) {
    if (!/\.(jsx?|html?)$/.test(file)) continue;
    const urls = [...new Set(content.match(/http:\/\/[^\s"'`)<>]+/g) ?? [])];
    if (urls.length > 0) out.push({ key: 'insecure_http_request', message: `${file} mentions ${urls.join(', ')}` });
  }
  return out;
}

export async function checkZendeskPackage(target: string): Promise<CheckResult> {
  const stat = await fs.lstat(target).catch(() => null);
  if (stat === null) throw new BuildError(`${target} does not exist: build the app first (INSCOPE_CONNECTOR_URL=https://inscope.your-company.com npm run build), then npm run package`);
  return checkPackageFiles(stat.isDirectory() ? await readPackageDir(target) : readPackageZip(new Uint8Array(await fs.readFile(target))));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await runScript('check-package', async () => {
    let failed = false;
    for (const target of process.argv.slice(2)) {
      const { errors, warnings, files } = await checkZendeskPackage(target);
      console.log(`${target}: ${files.length} files, ${errors.length} errors, ${warnings.length} warnings`);
      for (const e of errors) console.log(`  error   ${e.key}: ${e.message}`);
      for (const w of warnings) console.log(`  warning ${w.key}: ${w.message}`);
      failed ||= errors.length > 0;
    }
    process.exitCode = failed ? 1 : 0;
  });
}
