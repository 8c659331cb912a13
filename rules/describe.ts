// Small wording helpers for traces: quoted lists and shortened values.

const MAX_LISTED = 6;
const MAX_SHOWN = 80;

export function quote(s: string): string {
  return JSON.stringify(s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 1)}…` : s);
}

export function quoteList(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED).map(quote).join(', ');
  return items.length > MAX_LISTED ? `${shown} and ${items.length - MAX_LISTED} more` : shown;
}
