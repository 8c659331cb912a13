// A clock that starts at a fixed instant and then runs at real speed. Tests that assert a
// date-derived value (a proposal number's year, a validity date) run the service on it, so the
// expectation holds whatever the date on the machine; real elapsed time keeps timeouts and
// polling working as they do on the wall clock.
import { performance } from 'node:perf_hooks';

export function anchoredClock(iso: string): () => number {
  const anchor = Date.parse(iso);
  if (Number.isNaN(anchor)) throw new Error(`anchoredClock: ${iso} is not an ISO 8601 instant`);
  const started = performance.now();
  return () => anchor + Math.floor(performance.now() - started);
}
