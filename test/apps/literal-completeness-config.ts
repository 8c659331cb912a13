// The sidebar tests show an incomplete verdict on example ticket 48215. Under the default
// `completeness.mode: relevant` its missing items are not asked (Van Dijk's contract has not started,
// so it is advisory whatever they are); these tests run examples/coverage.yaml with `mode: always`,
// the literal order, so that the sidebar's incomplete view keeps a realistic ticket.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** examples/coverage.yaml with `completeness: { mode: always, rules: [...] }`. */
export function literalCompletenessConfigText(): string {
  const text = fs.readFileSync(path.join(root, 'examples/coverage.yaml'), 'utf8');
  if (!/^completeness:\n/m.test(text)) throw new Error('examples/coverage.yaml has no top-level completeness list');
  // A block sequence may stand at its key's indentation, so the list needs no re-indenting.
  return text.replace(/^completeness:\n/m, 'completeness:\n  mode: always\n  rules:\n');
}

/** Writes that config into `dir` and returns its path. */
export function writeLiteralCompletenessConfig(dir: string): string {
  const file = path.join(dir, 'coverage-literal.yaml');
  fs.writeFileSync(file, literalCompletenessConfigText());
  return file;
}
