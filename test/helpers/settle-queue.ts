// Waits until no job is queued or running: the pool drains, retries scheduled a few ms ahead come
// due. It waits for a state, not a time; the deadline only turns a hang into a clear failure.
export interface SettlingService {
  readonly pool: { drain(): Promise<unknown> };
  readonly store: { queueDepth(): Promise<{ readonly queued: number; readonly running: number }> };
}

/** `pollMs`: how soon to look again while a retry is due; a bench that does not count polls can wait longer. */
export async function settleQueue(service: SettlingService, { deadlineMs = 15_000, pollMs = 2 } = {}): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    await service.pool.drain();
    const depth = await service.store.queueDepth();
    if (depth.queued === 0 && depth.running === 0) return;
    // A retry is due a few milliseconds ahead: look again shortly.
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error('the queue did not settle');
}
