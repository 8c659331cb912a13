// Streams a text file line by line in constant memory. A hand-rolled splitter over large chunks is
// noticeably cheaper than node:readline for 100,000-line files, and it numbers lines for error reports.
import { createReadStream } from 'node:fs';

export interface Line {
  /** 1-based line number in the file. */
  readonly number: number;
  readonly text: string;
}

export async function* readLines(file: string): AsyncGenerator<Line> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  let number = 0;
  let first = true;
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = rest + chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    let end = text.indexOf('\n', start);
    while (end !== -1) {
      number += 1;
      yield { number, text: text.slice(start, end) };
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) yield { number: number + 1, text: rest };
}
