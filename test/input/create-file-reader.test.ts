import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileReader } from '../../connectors/input/create-file-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'inscope-file-reader-'));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('createFileReader', () => {
  it('reads a file larger than its buffer whole, multi-byte characters intact', async () => {
    const text = `{"description":"${'Storing bij het boeken: “ERR-1797” — café, naïef, 東京 🙂 '.repeat(40)}"}`;
    const read = createFileReader(16);
    expect(await read(write('large.json', text))).toBe(text);
  });

  it('gives a smaller file read after a larger one only its own text', async () => {
    const read = createFileReader(16);
    await read(write('first.json', 'x'.repeat(5000)));
    expect(await read(write('second.json', '{"tickets":[]}'))).toBe('{"tickets":[]}');
  });

  it('reads to the end of a file whose size is not known beforehand', async () => {
    // Linux reports a size of 0 for /proc files; their contents come from reading alone.
    const file = '/proc/self/status';
    if (!existsSync(file)) return;
    const text = await createFileReader(8)(file);
    expect(text.startsWith('Name:')).toBe(true);
    expect(text).toMatch(/\nPid:\s+\d+\n/);
  });

  it('rejects with the file system error for a missing file', async () => {
    await expect(createFileReader()(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
