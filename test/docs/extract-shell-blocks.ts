// The fenced shell blocks of a Markdown file with their info string: ```sh runnable marks a block the
// docs test runs exactly as written; ```sh manual one that needs what a test does not have (a
// Zendesk or Jira account, the Forge CLI, a PostgreSQL server of your own).

export interface ShellBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The words after the language: ['runnable'], ['manual'] or []. */
  readonly marks: readonly string[];
  readonly code: string;
}

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);

export function extractShellBlocks(markdown: string, file: string): ShellBlock[] {
  const lines = markdown.split('\n');
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(\S*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith(fence)) end++;
    if (SHELL.has(open[2]!)) blocks.push({ file, line: i + 1, marks: open[3]!.split(/\s+/).filter(Boolean), code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}
