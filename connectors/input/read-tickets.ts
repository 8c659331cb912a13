// Reads tickets from a file or a directory tree for `simulate` and backfills. Formats are detected
// per file (see examples/tickets/README.md); bad input becomes an InputProblem and reading goes on.
// JSON Lines files are streamed; a directory is walked lazily so memory stays flat.
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createFileReader, type FileReader } from './create-file-reader.js';
import { readLines } from './read-lines.js';
import { recordsFromValue, type InputProblem, type ReadTicketsContext, type TicketRecord } from './records-from-value.js';

export type { HelpdeskMappings, InputFormat, InputProblem, ReadTicketsContext, TicketRecord } from './records-from-value.js';

const LINE_FORMATS = new Set(['.jsonl', '.ndjson']);
const TICKET_FILES = new Set(['.json', ...LINE_FORMATS]);

export function isInputProblem(value: TicketRecord | InputProblem): value is InputProblem {
  return 'kind' in value;
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function* readJsonLines(file: string, ctx: ReadTicketsContext): AsyncGenerator<TicketRecord | InputProblem> {
  for await (const line of readLines(file)) {
    const text = line.text.trim();
    if (text === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { kind: 'problem', file, record: line.number, message: `line is not JSON: ${reason(error)}` };
      continue;
    }
    yield* recordsFromValue(value, file, ctx, line.number);
  }
}

async function* readJsonFile(file: string, ctx: ReadTicketsContext, read: FileReader): AsyncGenerator<TicketRecord | InputProblem> {
  let value: unknown;
  try {
    value = await readJsonValue(file, read);
  } catch (error) {
    yield { kind: 'problem', file, message: error instanceof SyntaxError ? `not JSON: ${reason(error)}` : `cannot read: ${reason(error)}` };
    return;
  }
  yield* recordsFromValue(value, file, ctx);
}

// The file's text lives only in here: while a page's tickets are triaged only its parsed value stays
// reachable, not the text as well (several MB a page, which would otherwise survive into the old
// generation and raise the peak memory of a long run).
async function readJsonValue(file: string, read: FileReader): Promise<unknown> {
  const text = await read(file);
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

function readFileRecords(file: string, ctx: ReadTicketsContext, read: FileReader): AsyncGenerator<TicketRecord | InputProblem> {
  return LINE_FORMATS.has(extname(file).toLowerCase()) ? readJsonLines(file, ctx) : readJsonFile(file, ctx, read);
}

// Sorted by code point so that runs are reproducible across machines and locales.
async function* walk(directory: string): AsyncGenerator<string> {
  const entries = (await readdir(directory, { withFileTypes: true }))
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && TICKET_FILES.has(extname(entry.name).toLowerCase())) yield path;
  }
}

/**
 * Every ticket under `path` (a file, or a directory read recursively in name order, where only
 * `.json`, `.jsonl` and `.ndjson` files are read), as TicketRecords interleaved with InputProblems.
 */
export async function* readTickets(path: string, ctx: ReadTicketsContext): AsyncGenerator<TicketRecord | InputProblem> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    yield { kind: 'problem', file: path, message: `cannot read: ${reason(error)}` };
    return;
  }
  const read = createFileReader();
  if (!isDirectory) {
    yield* readFileRecords(path, ctx, read);
    return;
  }
  for await (const file of walk(path)) yield* readFileRecords(file, ctx, read);
}
