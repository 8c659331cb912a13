// Zips the built app folder into the file Zendesk accepts for upload: manifest.json at the zip root,
// no dotfiles, no zcli.apps.config.json (zcli would ship it), no symlinks. Entries are sorted and
// dated 1980-01-01 so the same folder always gives the same zip.
import fs from 'node:fs/promises';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { BuildError, runScript } from '../../scripts/build-error.js';
import { DEFAULT_OUT_DIR, repoRoot } from './build-zendesk-app.js';
import { ZCLI_SCRATCH } from './read-package-files.js';

export const DEFAULT_ZIP = path.join(repoRoot, 'dist/inscope-zendesk.zip');

/** Files that must never reach the package, whatever the folder holds (zcli's scratch tmp/ among them). */
export function isExcluded(relativePath: string): boolean {
  return relativePath.split('/').some((part) => part.startsWith('.')) || relativePath === 'zcli.apps.config.json' || relativePath === ZCLI_SCRATCH || relativePath.startsWith(`${ZCLI_SCRATCH}/`);
}

async function collect(dir: string, prefix: string, into: Zippable): Promise<void> {
  for (const entry of (await fs.readdir(path.join(dir, prefix), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (isExcluded(relative)) continue;
    if (entry.isSymbolicLink()) throw new BuildError(`${relative} is a symlink: Zendesk refuses packages with symlinks`);
    if (entry.isDirectory()) await collect(dir, relative, into);
    else if (entry.isFile()) into[relative] = [new Uint8Array(await fs.readFile(path.join(dir, relative))), { mtime: new Date('1980-01-01T00:00:00Z') }];
  }
}

const BUILD_FIRST = 'build the app first: INSCOPE_CONNECTOR_URL=https://inscope.your-company.com npm run build';

export async function packageZendeskApp(dir: string = DEFAULT_OUT_DIR, zipPath: string = DEFAULT_ZIP): Promise<{ zipPath: string; entries: string[] }> {
  const shown = path.relative(process.cwd(), dir) || '.';
  const info = await fs.stat(dir).catch(() => null);
  if (info === null) throw new BuildError(`${shown} does not exist: ${BUILD_FIRST}`);
  if (!info.isDirectory()) throw new BuildError(`${shown} is not a folder: ${BUILD_FIRST}`);
  const files: Zippable = {};
  await collect(dir, '', files);
  if (!('manifest.json' in files)) throw new BuildError(`${shown} has no manifest.json: ${BUILD_FIRST}`);
  await fs.mkdir(path.dirname(zipPath), { recursive: true });
  await fs.writeFile(zipPath, zipSync(files, { level: 9 }));
  return { zipPath, entries: Object.keys(files) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await runScript('npm run package', async () => {
    const result = await packageZendeskApp(process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUT_DIR, process.argv[3] ? path.resolve(process.argv[3]) : DEFAULT_ZIP);
    console.log(`Wrote ${path.relative(process.cwd(), result.zipPath)} (${result.entries.length} files)`);
  });
}
