// Reads an app package the way Zendesk's validator sees it: every file with its path relative to the
// package root, its bytes, and whether it is a symlink. From a folder (lstat, so links are not
// followed) or from a zip (fflate for the contents; the central directory's Unix mode for links).
import fs from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';

export interface PackageFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly symlink: boolean;
}

/**
 * The package root's tmp/ is zcli's scratch folder: `zcli apps:validate` and `apps:package` write
 * tmp/app-<time>.zip there and leave out tmp/** when they zip the folder (zendesk/zcli,
 * packages/zcli-apps/src/lib/package.ts, createAppPkg). What zcli never uploads is not checked.
 */
export const ZCLI_SCRATCH = 'tmp';

export async function readPackageDir(dir: string, prefix = ''): Promise<PackageFile[]> {
  const out: PackageFile[] = [];
  for (const entry of await fs.readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (relative === ZCLI_SCRATCH && entry.isDirectory()) continue;
    if (entry.isSymbolicLink()) out.push({ path: relative, bytes: new Uint8Array(), symlink: true });
    else if (entry.isDirectory()) out.push(...(await readPackageDir(dir, relative)));
    else if (entry.isFile()) out.push({ path: relative, bytes: new Uint8Array(await fs.readFile(path.join(dir, relative))), symlink: false });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Names of zip entries whose Unix mode (high 16 bits of the external attributes) says symlink. */
export function zipSymlinks(zip: Uint8Array): Set<string> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const links = new Set<string>();
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory record');
  let at = view.getUint32(eocd + 16, true);
  const count = view.getUint16(eocd + 10, true);
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const madeBy = view.getUint16(at + 4, true) >> 8;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const mode = view.getUint32(at + 38, true) >>> 16;
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    if (madeBy === 3 && (mode & S_IFMT) === S_IFLNK) links.add(name);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return links;
}

export function readPackageZip(zip: Uint8Array): PackageFile[] {
  const links = zipSymlinks(zip);
  return Object.entries(unzipSync(zip))
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, bytes]) => ({ path: name, bytes, symlink: links.has(name) }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
