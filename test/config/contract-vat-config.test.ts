// A contract's own VAT in the config: a percentage (0 allowed) or reverse charge, checked where it
// is written, with file, line, column and path, by parseConfig and by `inscope check-config`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../connectors/config/load-config.js';
import { runInscope } from '../helpers/run-inscope.js';
import { HEAD, issuesOf } from './config-text.js';

const withContract = (extra: string, proposals = '') => `${HEAD}${proposals}contracts:
  - id: C-1
    name: Acme BV
    match: { organizationIds: ["9001"] }
    level: gold
    validFrom: 2026-01-01
    products: [{ product: finance }]
${extra}`;


const EXPECTED = 'a VAT percentage from 0 to 100 with at most two decimals, such as 21, 9 or 0';

describe('a contract\'s vatPercent and reverseCharge', () => {
  it.each([
    ['a percentage', '    vatPercent: 9\n', { vatPercent: 9 }],
    ['no VAT at all (0)', '    vatPercent: 0\n', { vatPercent: 0 }],
    ['two decimals', '    vatPercent: 5.5\n', { vatPercent: 5.5 }],
    ['reverse charge', '    reverseCharge: true\n', { reverseCharge: true }],
    ['reverse charge with vatPercent 0', '    reverseCharge: true\n    vatPercent: 0\n', { reverseCharge: true, vatPercent: 0 }],
  ])('loads %s', (_what, extra, expected) => {
    const { config } = parseConfig(withContract(extra), 'inline.yaml');
    expect(config.contracts[0]).toMatchObject(expected);
    expect(config.proposals.vatPercent).toBe(21);
  });

  it('leaves both out of a contract that names neither', () => {
    const { config } = parseConfig(withContract(''), 'inline.yaml');
    expect(config.contracts[0]).not.toHaveProperty('vatPercent');
    expect(config.contracts[0]).not.toHaveProperty('reverseCharge');
  });

  it.each([
    ['a negative percentage', '    vatPercent: -1\n', { line: 11, column: 17, path: 'contracts[0].vatPercent', message: `expected ${EXPECTED}, got the number -1` }],
    ['a percentage over 100', '    vatPercent: 210\n', { line: 11, column: 17, path: 'contracts[0].vatPercent', message: `expected ${EXPECTED}, got the number 210` }],
    ['three decimals', '    vatPercent: 8.125\n', { line: 11, column: 17, path: 'contracts[0].vatPercent', message: `expected ${EXPECTED}, got the number 8.125` }],
    ['a percentage written as text', '    vatPercent: 21%\n', { line: 11, column: 17, path: 'contracts[0].vatPercent', message: `expected ${EXPECTED}, got "21%"` }],
    ['reverse charge as a word', '    reverseCharge: verlegd\n', { line: 11, column: 20, path: 'contracts[0].reverseCharge', message: 'expected true or false, got "verlegd"' }],
    ['reverse charge beside a VAT percentage', '    reverseCharge: true\n    vatPercent: 21\n', {
      line: 12, column: 17, path: 'contracts[0].vatPercent',
      message: 'reverseCharge: true means no VAT on the proposal, but vatPercent is 21: remove vatPercent, or reverseCharge if VAT applies',
    }],
    ['a misspelt key', '    vatPercentage: 9\n', { line: 11, column: 5, path: 'contracts[0].vatPercentage', message: 'unknown key "vatPercentage" (did you mean "vatPercent"?)' }],
  ])('rejects %s, naming the line and path', (_what, extra, expected) => {
    expect(issuesOf(withContract(extra))).toEqual([expected]);
  });

  it('checks proposals.vatPercent the same way', () => {
    expect(issuesOf(withContract('', 'proposals: { vatPercent: 8.125 }\n'))).toEqual([
      { line: 4, column: 26, path: 'proposals.vatPercent', message: `expected ${EXPECTED}, got the number 8.125` },
    ]);
  });

  it('inscope check-config prints the file, line, column and path and exits 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inscope-vat-config-'));
    try {
      const file = path.join(dir, 'coverage.yaml');
      fs.writeFileSync(file, withContract('    reverseCharge: true\n    vatPercent: 21\n'));
      const { code, stderr } = await runInscope(['check-config', '--config', file], {});
      expect(code).toBe(1);
      expect(stderr).toContain(`${file}:12:17  contracts[0].vatPercent: reverseCharge: true means no VAT on the proposal, but vatPercent is 21`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
