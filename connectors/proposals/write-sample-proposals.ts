// Writes the sample proposal as PDF in Dutch and English, e.g. to refresh the picture in
// docs/proposals-and-budgets.md or to preview override templates:
//   node --import tsx connectors/proposals/write-sample-proposals.ts OUT_DIR [TEMPLATES_DIR]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadProposalTemplates } from './proposal-templates.js';
import { renderProposalPdf } from './render-proposal-pdf.js';
import { SAMPLE_PROPOSAL, SAMPLE_PROPOSAL_EN } from './sample-proposal.js';

export async function writeSampleProposals(outDir: string, templatesDir?: string): Promise<string[]> {
  const templates = await loadProposalTemplates(templatesDir === undefined ? {} : { templatesDir });
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const proposal of [SAMPLE_PROPOSAL, SAMPLE_PROPOSAL_EN]) {
    const file = join(outDir, `proposal-${proposal.contact.locale}.pdf`);
    await writeFile(file, await renderProposalPdf(proposal, { templates }));
    written.push(file);
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir, templatesDir] = process.argv.slice(2);
  if (outDir === undefined) {
    console.error('usage: write-sample-proposals.ts OUT_DIR [TEMPLATES_DIR]');
    process.exitCode = 2;
  } else {
    for (const file of await writeSampleProposals(outDir, templatesDir)) console.log(file);
  }
}
