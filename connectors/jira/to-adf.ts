// InScope's plain-text comments as Atlassian Document Format, the body the platform REST API v3
// takes for a comment (also one added through a transition's `update.comment`). The JSM request
// comment API takes the same text as it is; here a blank line starts a paragraph, a line break is a
// `hardBreak`, and a web address is a text node with a `link` mark, so that the proposal's accept
// link stays a link (ADF, "Structure": doc › paragraph › text | hardBreak; "Marks": link).

export interface AdfText {
  readonly type: 'text';
  readonly text: string;
  readonly marks?: readonly { readonly type: 'link'; readonly attrs: { readonly href: string } }[];
}
export type AdfInline = AdfText | { readonly type: 'hardBreak' };
export interface AdfDoc {
  readonly type: 'doc';
  readonly version: 1;
  readonly content: readonly { readonly type: 'paragraph'; readonly content: readonly AdfInline[] }[];
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;

function inline(line: string): AdfText[] {
  const nodes: AdfText[] = [];
  let at = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    if (match.index > at) nodes.push({ type: 'text', text: line.slice(at, match.index) });
    nodes.push({ type: 'text', text: match[0], marks: [{ type: 'link', attrs: { href: match[0] } }] });
    at = match.index + match[0].length;
  }
  if (at < line.length) nodes.push({ type: 'text', text: line.slice(at) });
  return nodes;
}

export function toAdf(text: string): AdfDoc {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n(?:[ \t]*\n)+/).filter((p) => p.trim() !== '');
  return {
    type: 'doc',
    version: 1,
    // Blank lines, however many, end a paragraph; ADF's text nodes may not be empty, so none is made.
    content: paragraphs.map((p) => ({ type: 'paragraph', content: p.split('\n').flatMap((line, i): AdfInline[] => [...(i > 0 ? [{ type: 'hardBreak' as const }] : []), ...inline(line)]) })),
  };
}

