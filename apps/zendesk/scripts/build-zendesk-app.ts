// Builds the Zendesk app package folder, dist/zendesk/: the root manifest.json (the source), the
// translations and assets/ (iframe.html with its bundled JS and CSS, the logos). No requirements.json:
// `inscope zendesk setup` owns the Zendesk objects (docs/zendesk-setup.md, "Who creates what").
// This is the folder `zcli apps:server` serves and `npm run package` zips; zcli never sees the repo root.
import fs from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { runScript } from '../../scripts/build-error.js';
import { readConnectorUrl } from '../../scripts/read-connector-url.js';
import { createViteConfig } from '../vite.config.js';
import { logoPng } from './write-logo-png.js';

const appDir = path.resolve(import.meta.dirname, '..');
export const repoRoot = path.resolve(appDir, '../..');
export const DEFAULT_OUT_DIR = path.join(repoRoot, 'dist/zendesk');

export interface BuiltApp {
  readonly outDir: string;
  /** Paths relative to outDir, sorted. */
  readonly files: readonly string[];
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(dir, path.posix.join(prefix, e.name)) : [path.posix.join(prefix, e.name)])));
  return nested.flat().sort();
}

/**
 * Copies the root manifest.json; with a connector URL, adds its host to `domainWhitelist`, which
 * Zendesk's proxy checks before it sends a secure request (PLATFORM.md, "App → backend auth").
 */
async function writeManifest(target: string, connectorUrl: string | undefined): Promise<void> {
  const text = await fs.readFile(path.join(repoRoot, 'manifest.json'), 'utf8');
  if (!connectorUrl) return fs.writeFile(target, text);
  const manifest = JSON.parse(text) as { domainWhitelist?: string[] };
  const host = new URL(connectorUrl).hostname;
  manifest.domainWhitelist = [...new Set([...(manifest.domainWhitelist ?? []), host])];
  await fs.writeFile(target, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Builds into outDir; `connectorUrl` (default: INSCOPE_CONNECTOR_URL) puts the connector's host in domainWhitelist. */
export async function buildZendeskApp(outDir: string = DEFAULT_OUT_DIR, connectorUrl: string | undefined = process.env['INSCOPE_CONNECTOR_URL'] || undefined): Promise<BuiltApp> {
  await fs.rm(outDir, { recursive: true, force: true });
  const assets = path.join(outDir, 'assets');
  await build(createViteConfig(assets));
  await fs.mkdir(path.join(outDir, 'translations'), { recursive: true });
  await Promise.all([
    writeManifest(path.join(outDir, 'manifest.json'), connectorUrl),
    fs.cp(path.join(appDir, 'translations'), path.join(outDir, 'translations'), { recursive: true }),
    fs.writeFile(path.join(assets, 'logo.png'), logoPng(320)),
    fs.writeFile(path.join(assets, 'logo-small.png'), logoPng(128)),
  ]);
  return { outDir, files: await listFiles(outDir) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await runScript('npm run build', async () => {
    const url = readConnectorUrl();
    const out = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUT_DIR;
    const built = await buildZendeskApp(out, url.href);
    console.log(`Built ${path.relative(process.cwd(), built.outDir) || '.'} for the connector at ${url.href} (INSCOPE_CONNECTOR_URL): domainWhitelist ["${url.hostname}"]; ${built.files.join(', ')}`);
  });
}
