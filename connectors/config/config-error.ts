// The one error type for a coverage config that cannot be used: every problem found, each with the
// file, line, column and key path where it is, so that an admin can fix them all in one pass.

export interface ConfigPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface ConfigIssue extends ConfigPosition {
  readonly file: string;
  /** Where in the config, e.g. `contracts[3].validUntil`; empty for the file as a whole. */
  readonly path: string;
  /** What was expected, and what was found. */
  readonly message: string;
  /** The other place a cross-field problem involves (the first duplicate, the overlapping contract…). */
  readonly related?: ConfigPosition & { readonly path: string };
}

/** `file:line:column  path: message (see line:column path)`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  const what = issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
  const related = issue.related === undefined
    ? ''
    : ` (see ${issue.file}:${issue.related.line}:${issue.related.column} ${issue.related.path})`;
  return `${where}  ${what}${related}`;
}

export function compareConfigIssues(a: ConfigIssue, b: ConfigIssue): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.path.localeCompare(b.path);
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const sorted = [...issues].sort(compareConfigIssues);
    super(sorted.map(formatConfigIssue).join('\n'));
    this.issues = sorted;
  }

  /** One line per issue, in file order; the same text as `message`. */
  format(): string {
    return this.issues.map(formatConfigIssue).join('\n');
  }
}
