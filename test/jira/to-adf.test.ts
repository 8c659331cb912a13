// InScope's plain-text comments as Atlassian Document Format, for a comment a transition carries.
import { describe, expect, it } from 'vitest';
import { toAdf } from '../../connectors/jira/to-adf.js';
import { adfText } from '../helpers/fake-jira-state.js';

const text = (t: string) => ({ type: 'text', text: t });

describe('toAdf', () => {
  it.each([
    ['one line', 'Een storing in een gedekt product.', [[text('Een storing in een gedekt product.')]]],
    ['a line break as a hardBreak', 'Ontbreekt:\n- versie', [[text('Ontbreekt:'), { type: 'hardBreak' }, text('- versie')]]],
    ['a blank line between paragraphs (CRLF too)', 'Eerste.\r\n\r\nTweede.', [[text('Eerste.')], [text('Tweede.')]]],
    ['several blank lines as one paragraph break', 'a\n\n\nb', [[text('a')], [text('b')]]],
    [
      'a web address as a link, without the full stop after it',
      'Akkoord? https://inscope.example/p/abc.def.',
      [[text('Akkoord? '), { type: 'text', text: 'https://inscope.example/p/abc.def', marks: [{ type: 'link', attrs: { href: 'https://inscope.example/p/abc.def' } }] }, text('.')]],
    ],
  ])('writes %s', (_what, body, paragraphs) => {
    expect(toAdf(body)).toEqual({ type: 'doc', version: 1, content: paragraphs.map((content) => ({ type: 'paragraph', content })) });
  });

  it('keeps the text: read back, a comment says what was planned', () => {
    const body = 'Voorstel P-2026-0001 staat klaar.\nZie https://inscope.example/p/x\n\nMet vriendelijke groet';
    expect(adfText(toAdf(body))).toBe(body);
  });
});
