#!/usr/bin/env node
// Entry point for `npx inscope` and `npm start`. It runs the JavaScript that `npm ci` built under
// dist/node/ when that is at least as new as every source file; otherwise (a source was edited since)
// the TypeScript runs through tsx, so a stale build is never used.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const built = path.join(root, 'dist', 'node', 'connectors', 'cli', 'main.js');

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
  };
  walk(path.join(root, 'connectors'));
  walk(path.join(root, 'rules'));
  return newest;
}

function isFresh() {
  try {
    return fs.statSync(built).mtimeMs >= newestSource();
  } catch {
    return false;
  }
}

if (process.env.INSCOPE_NO_BUILD !== '1' && isFresh()) {
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
