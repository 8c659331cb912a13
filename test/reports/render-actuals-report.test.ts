// @vitest-environment happy-dom
// Quoted versus actual as people read it: the terminal table with its counts, and the HTML section
// parsed back as a document: captioned tables with column and row headers, every name escaped, and
// nothing fetched from elsewhere.
import { describe, expect, it } from 'vitest';
import type { ActualsGroup, ActualsReport } from '../../connectors/reports/build-actuals-report.js';
import { actualsToHtml, actualsToJson, actualsToTable } from '../../connectors/reports/render-actuals-report.js';
import { toHtml } from '../../connectors/reports/render-budget-report.js';

const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

const group = (key: string, label: string, figures: Partial<ActualsGroup> = {}): ActualsGroup => ({
  key, label, accepted: 1, measured: 1, over: 1, quoted: 600, loggedSeconds: 27_000, ratio: 1.25, ...figures,
});

const REPORT: ActualsReport = {
  from: '2026-10',
  to: '2026-11',
  total: group('total', 'total', { accepted: 4, measured: 3, over: 2, quoted: 2_000, loggedSeconds: 73_800, ratio: 1.03 }),
  byOrganization: [
    group('9001', 'Bakkerij Jansen B.V.'),
    group('9666', HOSTILE, { accepted: 3, measured: 2, quoted: 1_400, loggedSeconds: 46_800, ratio: 0.93 }),
  ],
  byKind: [group('how-to', 'how-to', { accepted: 3, measured: 2, over: 2, quoted: 1_000, loggedSeconds: 45_000 }), group('unknown', 'unknown', { measured: 0, over: 0, quoted: 0, loggedSeconds: 0, ratio: null })],
  byMonth: [group('2026-10', '2026-10'), group('2026-11', '2026-11')],
};

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

const cellTexts = (row: Element) => Array.from(row.children).map((c) => c.textContent);

describe('actualsToTable', () => {
  it('lists counts, quoted and actual hours and the ratio per organization, kind and month, each with a total', () => {
    const text = actualsToTable(REPORT);
    expect(text).toMatch(/^Quoted versus actual, 2026-10 to 2026-11 \(accepted proposals/);
    expect(text.split('\n').find((l) => l.startsWith('Bakkerij'))).toMatch(/^Bakkerij Jansen B\.V\.\s+1\s+1\s+1\s+6 h\s+7\.5 h\s+1\.25$/);
    expect(text.split('\n').find((l) => l.startsWith('unknown'))).toMatch(/\s+0 h\s+0 h\s+-$/);
    expect(text.split('\n').filter((l) => l.startsWith('total'))).toEqual(Array(3).fill(expect.stringMatching(/4\s+3\s+2\s+20 h\s+20\.5 h\s+1\.03$/)));
  });

  it('says so when no proposal was accepted', () => {
    expect(actualsToTable({ ...REPORT, total: group('total', 'total', { accepted: 0, measured: 0, ratio: null }), byOrganization: [], byKind: [], byMonth: [] }))
      .toMatch(/: no accepted proposals\n$/);
  });
});

describe('actualsToJson', () => {
  it('gives hours as decimals beside the logged seconds', () => {
    expect(actualsToJson(REPORT)).toMatchObject({ from: '2026-10', total: { quotedHours: 20, actualHours: 20.5, loggedSeconds: 73_800, ratio: 1.03 } });
  });
});

describe('actualsToHtml', () => {
  const doc = parse(`<!doctype html><html lang="en"><body>${actualsToHtml(REPORT)}</body></html>`);
  const section = doc.querySelector('section.actuals')!;

  it('is a section labelled by its heading, with one captioned table per organization, kind and month', () => {
    expect(section.getAttribute('aria-labelledby')).toBe('actuals-title');
    expect(doc.getElementById('actuals-title')!.textContent).toBe('Quoted versus actual, 2026-10 to 2026-11');
    expect(Array.from(section.querySelectorAll('table > caption')).map((c) => c.textContent)).toEqual([
      'Quoted versus actual, 2026-10 to 2026-11, per organization',
      'Quoted versus actual, 2026-10 to 2026-11, per request kind',
      'Quoted versus actual, 2026-10 to 2026-11, per month accepted',
    ]);
  });

  it('heads every column and every row', () => {
    const organizations = section.querySelector('table');
    expect(cellTexts(organizations!.querySelector('thead tr')!)).toEqual(['organization', 'accepted', 'measured', 'over quote', 'quoted', 'actual', 'actual/quoted']);
    expect(Array.from(organizations!.querySelectorAll('thead th')).every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    const rows = Array.from(organizations!.querySelectorAll('tbody tr, tfoot tr'));
    expect(rows.map((r) => r.firstElementChild!.tagName)).toEqual(['TH', 'TH', 'TH']);
    expect(rows.every((r) => r.firstElementChild!.getAttribute('scope') === 'row')).toBe(true);
    expect(cellTexts(rows[0]!)).toEqual(['Bakkerij Jansen B.V.', '1', '1', '1', '6 h', '7.5 h', '1.25']);
    expect(cellTexts(rows[2]!)).toEqual(['total', '4', '3', '2', '20 h', '20.5 h', '1.03']);
  });

  it('shows a hostile organization name as text: no element, no handler', () => {
    const html = actualsToHtml(REPORT);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(section.querySelectorAll('script, img')).toHaveLength(0);
    const hostileRow = Array.from(section.querySelectorAll('tbody th')).find((th) => th.textContent === HOSTILE);
    expect(hostileRow).toBeDefined();
  });

  it('ends the budget page, which stays self-contained: no scripts, no external links or images', () => {
    const page = toHtml([], '2026-11', { actuals: REPORT });
    const full = parse(page);
    expect(full.querySelector('body > section.actuals:last-of-type')).not.toBeNull();
    expect(full.querySelectorAll('script, link, img, iframe, object')).toHaveLength(0);
    expect(Array.from(full.querySelectorAll('*')).filter((el) => el.hasAttribute('src') || el.hasAttribute('href'))).toEqual([]);
    expect(full.querySelector('style')!.textContent).not.toMatch(/url\(|@import/i);
  });
});
