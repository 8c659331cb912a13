// The sample PDFs behind the docs picture, written with the built-in or an admin's templates.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSampleProposals } from '../../connectors/proposals/write-sample-proposals.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'inscope-samples-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

async function textOf(file: string): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(await readFile(file)) });
  try { return (await parser.getText()).text.replace(/\u00a0/g, ' '); } finally { await parser.destroy(); }
}

describe('writeSampleProposals', () => {
  it('writes the Dutch and the English sample', async () => {
    const [nl, en] = await writeSampleProposals(join(dir, 'out'));
    expect(await textOf(nl!)).toContain('Totaal € 529,38');
    const english = await textOf(en!);
    expect(english).toContain('Total €529.38');
    expect(english).toContain('Set up quarterly VAT report');
  });

  it('previews override templates, looping over the estimate lines', async () => {
    await writeFile(join(dir, 'pdf-intro.en.liquid'), '{% for line in proposal.lines %}[{{ line.description }}: {{ line.hours | hours }} h = {{ line.amount | money }}] {% endfor %}');
    const [, en] = await writeSampleProposals(join(dir, 'out'), dir);
    // The paragraph wraps where the layout does.
    const text = (await textOf(en!)).replace(/\s+/g, ' ');
    expect(text).toContain('[Set up quarterly VAT report: 2.5 h = €312.50] [Walkthrough and check of the first return: 1 h = €125.00]');
  });
});
