// Architecture check: rules/ is pure. It imports only from inside rules/ and never reads the
// clock, the process or the network (eslint checks the same; this test fails even without lint).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const rulesDir = path.join(import.meta.dirname, '..', '..', 'rules');
const files = readdirSync(rulesDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
const IMPORT = /^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/gm;

describe('rules/ purity', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports only from inside rules/', (file) => {
    const source = readFileSync(path.join(rulesDir, file), 'utf8');
    for (const m of source.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2]) as string;
      expect(spec, `${file} imports ${spec}`).toMatch(/^\.\.?\//);
      const target = path.resolve(path.dirname(path.join(rulesDir, file)), spec);
      expect(target.startsWith(rulesDir + path.sep), `${file} imports ${spec}`).toBe(true);
    }
  });

  it.each(files)('%s reads no clock, process or network', (file) => {
    const source = readFileSync(path.join(rulesDir, file), 'utf8');
    expect(source).not.toMatch(/\bDate\.now\b|\bnew Date\b|\bprocess\.|\bfetch\(/);
  });
});
