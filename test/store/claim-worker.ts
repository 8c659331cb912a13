// Child process for the two-process queue test: opens the store, says "ready", waits for a line on
// stdin (so both processes start claiming together), then claims and completes jobs until none is
// left and prints the ids it handled as JSON. Usage: node --import tsx claim-worker.ts <database url> <worker id>
import { once } from 'node:events';
import { openStore } from '../../connectors/store/open-store.js';

const [databaseUrl, workerId] = process.argv.slice(2);
if (!databaseUrl || !workerId) throw new Error('usage: claim-worker.ts <database url> <worker id>');
const store = await openStore(databaseUrl);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdin.pause();
const handled: number[] = [];
for (;;) {
  const job = await store.claimJob({ workerId, now: Date.now(), leaseMs: 60_000 });
  if (!job) break;
  handled.push(job.id);
  // Stands in for the helpdesk calls; without it one process holds the write lock back to back and
  // SQLite's sleeping busy handler lets the other one in only after the queue is empty.
  await new Promise((resolve) => setTimeout(resolve, 1));
  if (!(await store.completeJob(job.id, workerId))) throw new Error(`lost the lease on job ${job.id}`);
}
await store.close();
process.stdout.write(`${JSON.stringify(handled)}\n`);
