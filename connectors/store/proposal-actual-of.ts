// Which proposal a ticket's logged time belongs to, and how much of it: shared by both stores so
// that SQLite and PostgreSQL agree to the second.
import type { ProposalRow } from './proposal-rows.js';

/**
 * The newest accepted proposal of a ticket takes the ticket's total less what its earlier accepted
 * proposals already hold (never below 0). `accepted` is newest first. Null when there is no
 * accepted proposal or the figure is unchanged: then nothing is written.
 */
export function proposalActualOf(accepted: readonly Pick<ProposalRow, 'id' | 'logged_seconds'>[], totalSeconds: number): { id: number; seconds: number } | null {
  const [newest, ...earlier] = accepted;
  if (!newest) return null;
  const held = earlier.reduce((sum, row) => sum + Number(row.logged_seconds ?? 0), 0);
  const seconds = Math.max(0, Math.round(totalSeconds) - held);
  return newest.logged_seconds !== null && Number(newest.logged_seconds) === seconds ? null : { id: Number(newest.id), seconds };
}
