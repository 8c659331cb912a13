// The fonts embedded in every proposal PDF: DejaVu Sans from the `dejavu-fonts-ttf` package
// (Bitstream Vera licence plus public-domain DejaVu changes: free to embed and redistribute).
// Embedded and subset by pdfkit, so ë, é, ï and € render on any reader; no system font is used.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const PROPOSAL_FONTS = {
  regular: join(fontDir, 'DejaVuSans.ttf'),
  bold: join(fontDir, 'DejaVuSans-Bold.ttf'),
} as const;
