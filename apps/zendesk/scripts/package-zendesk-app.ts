// Zips the built app folder into the file Zendesk accepts for upload: manifest.json at the zip root,
// no dotfiles, no zcli.apps.config.json (zcli would ship it), no symlinks. Entries are sorted and
// dated 1980-01-01 so the same folder always gives the same zip.
import fs from 'node:fs/promises';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { DEFAULT_OUT_DIR, repoRoot } from './build-zendesk-app.js';

export const DEFAULT_ZIP = path.join(repoRoot, 'dist/inscope-zendesk.zip');

/** Files that must never reach the package, whatever the folder holds. */
export function isExcluded(relativePath: string): boolean {
  return relativePath.split('/').some((part) => part.startsWith('.')) || relativePath === 'zcli.apps.config.json' || relativePath.startsWith('tmp/');
}

async function collect(dir: string, prefix: string, into: Zippable): Promise<void> {
  for (const entry of (await fs.readdir(path.join(dir, prefix), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (isExcluded(relative)) continue;
    if (entry.isSymbolicLink()) throw new Error(`${relative} is a symlink: Zendesk refuses packages with symlinks`);
    if (entry.isDirectory()) await collect(dir, relative, into);
    else if (entry.isFile()) into[relative] = [new Uint8Array(await fs.readFile(path.join(dir, relative))), { mtime: new Date('1980-01-01T00:00:00Z') }];
  }
}

export async function packageZendeskApp(dir: string = DEFAULT_OUT_DIR, zipPath: string = DEFAULT_ZIP): Promise<{ zipPath: string; entries: string[] }> {
  const files: Zippable = {};
  await collect(dir, '', files);
  if (!('manifest.json' in files)) throw new Error(`${dir} has no manifest.json: run npm run build first`);
  await fs.mkdir(path.dirname(zipPath), { recursive: true });
  await fs.writeFile(zipPath, zipSync(files, { level: 9 }));
  return { zipPath, entries: Object.keys(files) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const result = await packageZendeskApp(process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUT_DIR, process.argv[3] ? path.resolve(process.argv[3]) : DEFAULT_ZIP);
  console.log(`Wrote ${path.relative(process.cwd(), result.zipPath)} (${result.entries.length} files)`);
}
