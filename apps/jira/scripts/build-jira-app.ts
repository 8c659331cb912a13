// Builds the deployable Forge app folder, dist/jira/: manifest.yml (the source in apps/jira/, with
// the connector's URL as the remote's baseUrl) and static/sidebar/ (the Custom UI page with its
// bundled JS and CSS). Run `forge register`, `forge deploy` and `forge install` in that folder.
import fs from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { parseDocument } from 'yaml';
import { runScript } from '../../scripts/build-error.js';
import { readConnectorUrl } from '../../scripts/read-connector-url.js';
import { createViteConfig } from '../vite.config.js';

const appDir = path.resolve(import.meta.dirname, '..');
export const repoRoot = path.resolve(appDir, '../..');
export const DEFAULT_OUT_DIR = path.join(repoRoot, 'dist/jira');
export const SOURCE_MANIFEST = path.join(appDir, 'manifest.yml');
/** The resource folder the manifest's `resources[].path` names, relative to the manifest. */
export const STATIC_DIR = 'static/sidebar';

export interface BuiltForgeApp {
  readonly outDir: string;
  /** Paths relative to outDir, sorted. */
  readonly files: readonly string[];
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(dir, path.posix.join(prefix, e.name)) : [path.posix.join(prefix, e.name)])));
  return nested.flat().sort();
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;

/** INSCOPE_JIRA_PROJECTS: comma-separated project keys, e.g. `SUP,HELP`; empty: every service project. */
export function parseProjectKeys(value: string | undefined): string[] {
  const keys = (value ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  const bad = keys.filter((k) => !PROJECT_KEY.test(k));
  if (bad.length > 0) throw new Error(`INSCOPE_JIRA_PROJECTS: ${bad.map((k) => JSON.stringify(k)).join(', ')} is not a Jira project key (upper case, such as SUP)`);
  return [...new Set(keys)];
}

/**
 * The source manifest with the remote's baseUrl set to the connector's origin and, given project
 * keys, the panel's display conditions limited to those projects. Edits go through the YAML
 * document so the comments survive: the deployed manifest still explains itself.
 */
export function renderManifest(source: string, connectorUrl: string | undefined, projects: readonly string[] = []): string {
  if (!connectorUrl && projects.length === 0) return source;
  const doc = parseDocument(source);
  if (connectorUrl) {
    const url = new URL(connectorUrl);
    if (url.protocol !== 'https:') throw new Error(`INSCOPE_CONNECTOR_URL must be https for Forge Remote, got ${url.protocol}`);
    doc.setIn(['remotes', 0, 'baseUrl'], url.origin);
  }
  if (projects.length > 0) doc.setIn(['modules', 'jira:issueContext', 0, 'displayConditions', 'projectKey'], doc.createNode([...projects], { flow: true }));
  return doc.toString({ lineWidth: 0 });
}

/**
 * The path part of the connector URL (a tenant's `/t/acme`), which Forge Remote's baseUrl (an
 * origin) cannot carry: the page puts it before every path it invokes instead.
 */
export function connectorPathPrefix(connectorUrl: string | undefined): string {
  if (!connectorUrl) return '';
  return new URL(connectorUrl).pathname.replace(/\/+$/, '');
}

/**
 * Builds into outDir; `connectorUrl` (default: INSCOPE_CONNECTOR_URL) becomes the remote's baseUrl,
 * and its path, if any, the prefix of the page's connector paths; `projects` (default:
 * INSCOPE_JIRA_PROJECTS) the projects the panel is shown in.
 */
export async function buildJiraApp(
  outDir: string = DEFAULT_OUT_DIR,
  connectorUrl: string | undefined = process.env['INSCOPE_CONNECTOR_URL'] || undefined,
  projects: readonly string[] = parseProjectKeys(process.env['INSCOPE_JIRA_PROJECTS']),
): Promise<BuiltForgeApp> {
  await fs.rm(outDir, { recursive: true, force: true });
  await build(createViteConfig(path.join(outDir, STATIC_DIR), connectorPathPrefix(connectorUrl)));
  await fs.writeFile(path.join(outDir, 'manifest.yml'), renderManifest(await fs.readFile(SOURCE_MANIFEST, 'utf8'), connectorUrl, projects));
  return { outDir, files: await listFiles(outDir) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await runScript('npm run build:jira', async () => {
    const url = readConnectorUrl();
    const out = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUT_DIR;
    const built = await buildJiraApp(out, url.href);
    console.log(`Built ${path.relative(process.cwd(), built.outDir) || '.'} for the connector at ${url.href} (INSCOPE_CONNECTOR_URL): remote baseUrl ${url.origin}; ${built.files.join(', ')}`);
  });
}
