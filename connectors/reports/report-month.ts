// The `YYYY-MM` month a statement covers, checked before anything is read.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isReportMonth(text: unknown): text is string {
  return typeof text === 'string' && MONTH.test(text);
}

export const REPORT_MONTH_HINT = 'the month must be given as YYYY-MM, e.g. 2026-11';
