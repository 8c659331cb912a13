// The browser tests' Chromium lookup: the variable first, then PATH under either Debian or Ubuntu
// name; and without one, a skip on a laptop but a failure in CI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumForTests, findChromium } from './find-chromium.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function binDir(...names: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-chromium-'));
  dirs.push(dir);
  for (const name of names) fs.writeFileSync(path.join(dir, name), '#!/bin/sh\n', { mode: 0o755 });
  return dir;
}

describe('findChromium', () => {
  it('takes INSCOPE_CHROMIUM over anything on PATH', () => {
    expect(findChromium({ INSCOPE_CHROMIUM: '/opt/chrome/chrome', PATH: binDir('chromium') })).toBe('/opt/chrome/chrome');
  });

  it('finds chromium-browser on PATH when there is no chromium', () => {
    const empty = binDir();
    const ubuntu = binDir('chromium-browser');
    expect(findChromium({ PATH: [empty, ubuntu].join(path.delimiter) })).toBe(path.join(ubuntu, 'chromium-browser'));
  });

  it('passes over a file named chromium that is not executable', () => {
    const dir = binDir();
    fs.writeFileSync(path.join(dir, 'chromium'), '', { mode: 0o644 });
    expect(findChromium({ PATH: dir })).toBeNull();
  });
});

describe('chromiumForTests without Chromium', () => {
  it('skips outside CI', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(chromiumForTests('the test', { PATH: binDir() }).skip).toBe(true);
  });

  it('does not skip in CI, and fails the suite with the reason', () => {
    const chromium = chromiumForTests('the test', { PATH: binDir(), CI: 'true' });
    expect(chromium.skip).toBe(false);
    expect(() => chromium.executablePath()).toThrow('the test must run in CI, but there is no Chromium: set INSCOPE_CHROMIUM or put chromium (or chromium-browser) on PATH (apt-get install -y chromium)');
  });
});
