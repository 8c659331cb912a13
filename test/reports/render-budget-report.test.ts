// The statement's three renderings: the table and CSV carry every figure, the HTML draws one SVG
// per organization with bars proportional to the figures and escapes every name.
import { describe, expect, it } from 'vitest';
import type { BudgetReportRow } from '../../connectors/reports/build-budget-report.js';
import { barGeometry, CHART_WIDTH, toCsv, toHtml, toTable } from '../../connectors/reports/render-budget-report.js';

const row = (overrides: Partial<BudgetReportRow>): BudgetReportRow => ({
  month: '2026-11', contractId: 'C-2026-001', organizationIds: ['9001'], name: 'Bakkerij Jansen B.V.', currency: 'EUR',
  sent: 3, accepted: 1, declined: 1, hours: { committed: 600, pending: 400 }, amount: { committed: 75_000, pending: 50_000 },
  cap: { hours: 2_000 }, unit: 'hours', remaining: 1_000, usedPercent: 50, shadow: 0, active: true, ...overrides,
});
const JANSEN = row({});
const NORTHWIND = row({
  contractId: 'C-2025-014', organizationIds: ['9002'], name: 'Northwind <Traders> & "Co"', sent: 2, declined: 0,
  hours: { committed: 1_000, pending: 400 }, amount: { committed: 150_000, pending: 50_000 }, cap: { amount: 400_000 }, unit: 'amount', remaining: 200_000,
});
const OVER = row({ contractId: 'C-2026-040', organizationIds: [], name: 'Over', hours: { committed: 1_200, pending: 400 }, cap: { hours: 800 }, remaining: -800, usedPercent: 200 });

describe('toTable', () => {
  it('shows counts, hours, amounts, cap, remaining and use per organization', () => {
    const text = toTable([JANSEN, NORTHWIND], '2026-11');
    const jansen = text.split('\n').find((l) => l.startsWith('Bakkerij'))!;
    expect(jansen).toMatch(/C-2026-001\s+3\s+1\s+1\s+6 h\s+4 h\s+€750\.00\s+€500\.00\s+20 h\s+10 h\s+50%$/);
    expect(text.split('\n').find((l) => l.startsWith('Northwind'))).toMatch(/€1,500\.00\s+€500\.00\s+€4,000\.00\s+€2,000\.00\s+50%$/);
  });

  it('says so when the month has nothing to report', () => {
    expect(toTable([], '2026-11')).toBe('Budget 2026-11: no organizations with a budget or proposals\n');
  });
});

describe('toCsv', () => {
  it('writes plain decimals and quotes names with commas or quotes', () => {
    const lines = toCsv([JANSEN, row({ name: 'Smit, "de" Bakker', cap: {}, remaining: null, usedPercent: null })]).split('\r\n');
    expect(lines[0]).toBe('month,organization,organization_ids,contract,currency,sent,accepted,declined,hours_committed,hours_pending,amount_committed,amount_pending,cap_hours,cap_amount,remaining,remaining_unit,used_percent,shadow_counted');
    expect(lines[1]).toBe('2026-11,Bakkerij Jansen B.V.,9001,C-2026-001,EUR,3,1,1,6.00,4.00,750.00,500.00,20.00,,10.00,hours,50,0');
    expect(lines[2]).toBe('2026-11,"Smit, ""de"" Bakker",9001,C-2026-001,EUR,3,1,1,6.00,4.00,750.00,500.00,,,,,,0');
  });
});

describe('toHtml', () => {
  const html = toHtml([JANSEN, NORTHWIND, OVER], '2026-11');

  it('draws one SVG per organization and no script', () => {
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|on\w+=/i);
  });

  it('draws each legend key with the colour of the bar it names', () => {
    const legend = /<p class="legend">(.*?)<\/p>/.exec(html)![1]!;
    expect(legend).toContain('<rect class="committed" x="0" y="0" width="12" height="12"/></svg>committed (accepted)');
    expect(legend).toContain('<rect class="pending" x="0" y="0" width="12" height="12"/></svg>pending (sent)');
    expect(legend).toContain('<line class="cap" x1="6" x2="6" y1="0" y2="12"/></svg>cap');
    for (const kind of ['committed', 'pending']) expect(html).toMatch(new RegExp(`\\.${kind}\\{fill:#[0-9a-f]{6}\\}`));
    expect(html).not.toContain('class="legend"><span><i');
  });

  it('escapes organization names in headings and chart labels', () => {
    expect(html).toContain('Northwind &lt;Traders&gt; &amp; &quot;Co&quot;');
    expect(html).not.toContain('<Traders>');
  });

  it.each([
    ['an hours cap', JANSEN, { committed: CHART_WIDTH * 0.3, pending: CHART_WIDTH * 0.2, cap: CHART_WIDTH }],
    ['an amount cap', NORTHWIND, { committed: CHART_WIDTH * 0.375, pending: CHART_WIDTH * 0.125, cap: CHART_WIDTH }],
    ['use over the cap', OVER, { committed: CHART_WIDTH * 0.75, pending: CHART_WIDTH * 0.25, cap: CHART_WIDTH * 0.5 }],
  ])('sizes the bars in proportion to the figures for %s', (_name, r, expected) => {
    expect(barGeometry(r)).toEqual(expected);
    expect(html).toContain(`<rect class="committed" x="0" y="8" width="${expected.committed}" height="20"/>`);
    expect(html).toContain(`<rect class="pending" x="${expected.committed}" y="8" width="${expected.pending}" height="20"/>`);
    expect(html).toContain(`<line class="cap" x1="${expected.cap}"`);
  });
});
