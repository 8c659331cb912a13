import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../connectors/store/open-store.js';

describe('openStore', () => {
  let dir = '';
  afterEach(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });
  const tempPath = (...parts: string[]) => {
    dir ||= fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-open-'));
    return path.join(dir, ...parts);
  };

  it.each([
    ['a plain path', (file: string) => file],
    ['a file:// URL', (file: string) => `file://${file}`],
    ['a file: URL', (file: string) => `file:${file}`],
  ])('opens SQLite from %s, creating the directory', async (_name, toUrl) => {
    const file = tempPath('nested', 'dir', 'inscope.db');
    const store = await openStore(toUrl(file));
    await store.putSetting('k', 'v');
    await store.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('fails to open an unreachable PostgreSQL without echoing the URL and its password', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const attempt = openStore('postgres://inscope:s3cret@127.0.0.1:1/inscope');
    await expect(attempt).rejects.toThrow(/ECONNREFUSED/);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it('refuses a malformed PostgreSQL URL without echoing it', async () => {
    const attempt = openStore('postgresql://inscope:s3cret@[bad');
    await expect(attempt).rejects.toThrow(/invalid PostgreSQL database URL/);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it('refuses an unknown URL scheme', async () => {
    await expect(openStore('mysql://127.0.0.1/inscope')).rejects.toThrow(/unsupported database URL scheme/);
  });
});
