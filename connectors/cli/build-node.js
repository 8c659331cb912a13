// Transpiles connectors/ and rules/ to plain JavaScript under dist/node/ (run by `npm ci` through the
// `prepare` script). The CLI then starts without tsx's loader thread: about 30 MB less memory and a
// faster start. Files keep their layout, so lazy imports stay lazy and relative paths still work.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const outdir = path.join(root, 'dist', 'node');
const SOURCE_DIRS = ['connectors', 'rules'];

/** Every file the built CLI depends on: TypeScript sources and the assets they read at run time. */
export function sourceFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!entry.name.endsWith('.d.ts')) files.push(file);
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir));
  return files;
}

export async function buildNode() {
  const files = sourceFiles();
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: files.filter((f) => f.endsWith('.ts')),
    outdir,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  // Assets next to the code (proposal templates) are read relative to their module.
  for (const file of files.filter((f) => !f.endsWith('.ts') && !f.endsWith('.js'))) {
    const target = path.join(outdir, path.relative(root, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  return files.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = await buildNode();
  process.stdout.write(`built ${count} files into ${path.relative(root, outdir)}/\n`);
}
