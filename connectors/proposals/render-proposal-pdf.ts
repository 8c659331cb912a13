// The proposal as an A4 PDF (pdfkit): vendor header, number and version, customer, ticket, why the
// request is not covered, scope, estimate table with subtotal/VAT/total, validity, how to accept
// and terms. DejaVu Sans is embedded, so Dutch text renders anywhere. The output is byte-for-byte
// deterministic: pdfkit derives the file id and font subset tags from the info dictionary, whose
// dates come from the proposal's createdAt.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { estimateBasis } from '../../rules/index.js';
import { formatHours, formatLongDate, formatMoney, formatPercent } from './format-money.js';
import { PROPOSAL_FONTS } from './proposal-fonts.js';
import { PROPOSAL_LABELS, type ProposalLabels } from './proposal-labels.js';
import type { ProposalTemplates } from './proposal-templates.js';
import type { Proposal } from './proposal.js';

export interface RenderProposalPdfOptions {
  readonly templates: ProposalTemplates;
  /** TrueType files to embed; default DejaVu Sans. */
  readonly fonts?: { readonly regular: string; readonly bold: string };
}

const COLOR = { ink: '#1d2733', muted: '#5b6775', accent: '#1f4e79', accentLight: '#e8f0f8', rule: '#d5dce4', head: '#eef2f6', alert: '#9b1c1c', alertLight: '#fbeaea' };
const MARGIN = { top: 50, bottom: 64, left: 56, right: 56 };
const fontCache = new Map<string, Buffer>();

function fontBytes(file: string): Buffer {
  let bytes = fontCache.get(file);
  if (bytes === undefined) fontCache.set(file, (bytes = readFileSync(file)));
  return bytes;
}

export async function renderProposalPdf(proposal: Proposal, options: RenderProposalPdfOptions): Promise<Buffer> {
  // Templates first: a broken override fails before any byte is produced.
  const intro = options.templates.render('pdf-intro', proposal);
  const howToAccept = options.templates.render('pdf-accept', proposal);
  const locale = proposal.contact.locale;
  const l = PROPOSAL_LABELS[locale];
  const created = new Date(proposal.createdAt);
  const doc = new PDFDocument({
    size: 'A4', margins: MARGIN, bufferPages: true, autoFirstPage: true, lang: locale === 'nl' ? 'nl-NL' : 'en-GB', displayTitle: true,
    info: {
      Title: `${l.title} ${proposal.number} — ${l.version.toLowerCase()} ${proposal.version}`,
      Author: proposal.vendor.name, Subject: proposal.ticket.subject, Creator: 'InScope', Producer: 'InScope (pdfkit)',
      CreationDate: created, ModDate: created,
    },
  });
  const fonts = options.fonts ?? PROPOSAL_FONTS;
  doc.registerFont('regular', fontBytes(fonts.regular));
  doc.registerFont('bold', fontBytes(fonts.bold));

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      drawProposal(doc, proposal, l, intro, howToAccept);
      drawFooters(doc, proposal, l);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}

type Doc = PDFKit.PDFDocument;

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN.bottom) doc.addPage();
}

function drawProposal(doc: Doc, p: Proposal, l: ProposalLabels, intro: string, howToAccept: string): void {
  const locale = p.contact.locale;
  const money = (minor: number) => formatMoney(minor, p.currency, locale);
  const left = MARGIN.left;
  const width = contentWidth(doc);

  // Header: vendor on the left, title, number and version on the right.
  const top = MARGIN.top;
  doc.font('bold').fontSize(15).fillColor(COLOR.ink).text(p.vendor.name, left, top, { width: width * 0.55 });
  const vendorLines = [p.vendor.email, p.vendor.vatNumber === undefined ? undefined : `${l.vatNumber} ${p.vendor.vatNumber}`].filter((s) => s !== undefined);
  doc.font('regular').fontSize(8.5).fillColor(COLOR.muted).text(vendorLines.join('\n'), { width: width * 0.55, lineGap: 1 });
  const leftBottom = doc.y;
  doc.font('bold').fontSize(24).fillColor(COLOR.accent).text(l.title.toUpperCase(), left, top - 6, { width, align: 'right', characterSpacing: 1 });
  doc.font('bold').fontSize(12).fillColor(COLOR.ink).text(p.number, { width, align: 'right' });
  doc.font('regular').fontSize(9).fillColor(COLOR.muted).text(`${l.version} ${p.version}`, { width, align: 'right' });
  let y = Math.max(leftBottom, doc.y) + 12;
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(1.5).strokeColor(COLOR.accent).stroke();
  y += 12;

  if (p.version > 1) y = banner(doc, y, l.replaces(p.version, p.version - 1), COLOR.accent, COLOR.accentLight);
  const statusText = p.status in l.status ? l.status[p.status as keyof ProposalLabels['status']] : undefined;
  if (statusText !== undefined) y = banner(doc, y, statusText, COLOR.alert, COLOR.alertLight);

  // Customer on the left, the proposal's particulars on the right.
  const colWidth = (width - 24) / 2;
  const right = left + colWidth + 24;
  doc.font('regular').fontSize(8).fillColor(COLOR.muted).text(l.to.toUpperCase(), left, y, { width: colWidth });
  doc.font('bold').fontSize(10.5).fillColor(COLOR.ink).text(p.organization.name, { width: colWidth });
  doc.font('regular').fontSize(9.5);
  for (const line of [p.contact.name, p.contact.email]) if (line !== undefined) doc.text(line, { width: colWidth });
  const customerBottom = doc.y;
  const facts: [string, string, boolean][] = [
    [l.number, p.number, true],
    [l.date, formatLongDate(p.createdAt, locale, p.timeZone), false],
    [l.validUntil, formatLongDate(p.validUntil, locale), true],
    [l.ticket, `#${p.ticket.id}`, false],
    ...(p.contractId === null ? [] : [[l.contract, p.contractId, false] as [string, string, boolean]]),
  ];
  let fy = y;
  for (const [label, value, strong] of facts) {
    doc.font('regular').fontSize(9).fillColor(COLOR.muted).text(label, right, fy, { width: 100 });
    doc.font(strong ? 'bold' : 'regular').fontSize(9).fillColor(COLOR.ink).text(value, right + 100, fy, { width: colWidth - 100 });
    fy = doc.y + 2;
  }
  y = Math.max(customerBottom, fy) + 10;
  doc.font('bold').fontSize(9.5).fillColor(COLOR.ink).text(`${l.subject}: `, left, y, { width, continued: true })
    .font('regular').text(p.ticket.subject);
  doc.moveDown(1);

  paragraphs(doc, intro);
  section(doc, l.why);
  paragraphs(doc, p.reason[locale]);
  section(doc, l.scope);
  paragraphs(doc, p.scope);
  section(doc, l.estimate);
  estimateTable(doc, p, l, money);

  section(doc, l.howToAccept);
  paragraphs(doc, howToAccept);
  acceptButtons(doc, p, l);

  section(doc, l.terms);
  doc.font('regular').fontSize(8).fillColor(COLOR.muted).text(p.terms, left, doc.y, { width, lineGap: 1.2 });
}

function banner(doc: Doc, y: number, text: string, color: string, fill: string): number {
  const width = contentWidth(doc);
  doc.font('bold').fontSize(10.5);
  const height = doc.heightOfString(text, { width: width - 24 }) + 14;
  doc.rect(MARGIN.left, y, width, height).fill(fill);
  doc.rect(MARGIN.left, y, 4, height).fill(color);
  doc.fillColor(color).text(text, MARGIN.left + 14, y + 7, { width: width - 24 });
  return y + height + 10;
}

function section(doc: Doc, title: string): void {
  doc.moveDown(0.7);
  ensureSpace(doc, 60);
  const y = doc.y;
  doc.font('bold').fontSize(11).fillColor(COLOR.accent).text(title, MARGIN.left, y, { width: contentWidth(doc) });
  const ruleY = doc.y + 2;
  doc.moveTo(MARGIN.left, ruleY).lineTo(MARGIN.left + contentWidth(doc), ruleY).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
  doc.y = ruleY + 6;
}

function paragraphs(doc: Doc, text: string): void {
  doc.font('regular').fontSize(9.5).fillColor(COLOR.ink);
  for (const paragraph of text.split(/\n\s*\n/)) {
    doc.text(paragraph.trim(), MARGIN.left, doc.y, { width: contentWidth(doc), lineGap: 1.5, paragraphGap: 5 });
  }
}

function estimateTable(doc: Doc, p: Proposal, l: ProposalLabels, money: (minor: number) => string): void {
  const locale = p.contact.locale;
  const left = MARGIN.left;
  const width = contentWidth(doc);
  const cols = [width - 250, 55, 90, 105];
  const xs = cols.map((_, i) => left + cols.slice(0, i).reduce((a, b) => a + b, 0));
  const cell = (text: string, i: number, y: number, align: 'left' | 'right') =>
    doc.text(text, (xs[i] ?? left) + 6, y, { width: (cols[i] ?? 0) - 12, align });

  ensureSpace(doc, 60);
  let y = doc.y + 2;
  doc.rect(left, y, width, 20).fill(COLOR.head);
  doc.font('bold').fontSize(8.5).fillColor(COLOR.muted);
  [l.description, l.hours, l.rate, l.amount].forEach((h, i) => cell(h, i, y + 6, i === 0 ? 'left' : 'right'));
  y += 20;
  doc.font('regular').fontSize(9.5).fillColor(COLOR.ink);
  for (const line of p.lines) {
    const height = doc.heightOfString(line.description, { width: (cols[0] ?? 0) - 12 }) + 12;
    if (y + height > doc.page.height - MARGIN.bottom) { doc.addPage(); y = doc.y; }
    doc.font('regular').fontSize(9.5).fillColor(COLOR.ink);
    cell(line.description, 0, y + 6, 'left');
    cell(formatHours(line.hours, locale), 1, y + 6, 'right');
    cell(money(line.rate), 2, y + 6, 'right');
    cell(money(line.amount), 3, y + 6, 'right');
    y += height;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
  }

  const labelX = left + width - 260;
  const row = (label: string, value: string, strong: boolean) => {
    doc.font(strong ? 'bold' : 'regular').fontSize(strong ? 11.5 : 9.5).fillColor(COLOR.ink);
    doc.text(label, labelX, y, { width: 150, align: 'right' });
    doc.text(value, left + width - 110, y, { width: 104, align: 'right' });
    y = doc.y + 4;
  };
  if (y + 80 > doc.page.height - MARGIN.bottom) { doc.addPage(); y = doc.y; }
  y += 8;
  doc.font('regular').fontSize(8.5).fillColor(COLOR.muted)
    .text(`${l.currency(p.currency)}\n${l.validUntil} ${formatLongDate(p.validUntil, locale)}.${p.estimate === undefined ? '' : `\n${l.hoursBasis(estimateBasis(p.estimate)[locale])}`}`,
      left, y, { width: labelX - left - 10, lineGap: 1.5 });
  const noteBottom = doc.y;
  row(l.subtotal, money(p.subtotal), false);
  row(p.reverseCharge === true ? l.reverseCharge : l.vat(formatPercent(p.vatPercent, locale)), money(p.vat), false);
  doc.moveTo(labelX + 40, y).lineTo(left + width, y).lineWidth(1).strokeColor(COLOR.ink).stroke();
  y += 5;
  row(l.total, money(p.total), true);
  doc.y = Math.max(y, noteBottom);
}

function acceptButtons(doc: Doc, p: Proposal, l: ProposalLabels): void {
  if (p.acceptUrl === undefined && p.declineUrl === undefined) return;
  ensureSpace(doc, 56);
  const y = doc.y + 2;
  let x = MARGIN.left;
  const button = (label: string, url: string, primary: boolean) => {
    doc.font('bold').fontSize(10);
    const w = doc.widthOfString(label) + 36;
    if (primary) doc.roundedRect(x, y, w, 26, 4).fill(COLOR.accent);
    else doc.roundedRect(x, y, w, 26, 4).lineWidth(1).strokeColor(COLOR.accent).stroke();
    doc.fillColor(primary ? '#ffffff' : COLOR.accent).text(label, x, y + 8, { width: w, align: 'center', lineBreak: false });
    doc.link(x, y, w, 26, url);
    x += w + 12;
  };
  if (p.acceptUrl !== undefined) button(l.accept, p.acceptUrl, true);
  if (p.declineUrl !== undefined) button(l.decline, p.declineUrl, false);
  // The links in full beside the buttons, for a printed copy.
  const linksX = x + 4;
  doc.font('regular').fontSize(7).fillColor(COLOR.muted);
  let ly = y + 3;
  for (const [label, url] of [[l.accept, p.acceptUrl], [l.decline, p.declineUrl]] as const) {
    if (url === undefined) continue;
    doc.text(`${label}: ${url}`, linksX, ly, { width: MARGIN.left + contentWidth(doc) - linksX, link: url, lineGap: 0.5 });
    ly = doc.y + 1;
  }
  doc.x = MARGIN.left;
  doc.y = Math.max(y + 32, ly + 4);
}

function drawFooters(doc: Doc, p: Proposal, l: ProposalLabels): void {
  const range = doc.bufferedPageRange();
  const width = contentWidth(doc);
  const vendor = [p.vendor.name, p.vendor.email, p.vendor.vatNumber === undefined ? undefined : `${l.vatNumber} ${p.vendor.vatNumber}`]
    .filter((s) => s !== undefined).join('  ·  ');
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - 44;
    // Writing below the bottom margin would start a new page; the footer lives there on purpose.
    doc.page.margins.bottom = 0;
    doc.moveTo(MARGIN.left, y - 8).lineTo(MARGIN.left + width, y - 8).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
    doc.font('regular').fontSize(7.5).fillColor(COLOR.muted);
    doc.text(vendor, MARGIN.left, y, { width, lineBreak: false });
    doc.text(`${l.title} ${p.number} · ${l.version.toLowerCase()} ${p.version}`, MARGIN.left, y + 10, { width, lineBreak: false });
    doc.text(l.page(i - range.start + 1, range.count), MARGIN.left, y + 10, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = MARGIN.bottom;
  }
}
