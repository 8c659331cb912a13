// `inscope jobs list|show|retry`: the operator's view of the durable queue and its dead letters.
import { openStore } from '../../store/open-store.js';
import type { JobState } from '../../store/store.js';
import { readCliSettings } from '../read-cli-settings.js';
import { CliError, EXIT } from '../cli-error.js';
import { parseCommandArgs } from '../parse-command-args.js';

const STATES: readonly JobState[] = ['queued', 'running', 'done', 'dead'];

export async function jobsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { state: { type: 'string' }, limit: { type: 'string', default: '50' }, json: { type: 'boolean', default: false } }, 2);
  const [sub, id] = positionals;
  const store = await openStore(readCliSettings().databaseUrl);
  try {
    await store.migrate();
    if (sub === 'list' || sub === undefined) {
      const state = values.state as JobState | undefined;
      if (state !== undefined && !STATES.includes(state)) throw new CliError(`--state must be one of ${STATES.join(', ')}`, EXIT.usage);
      const jobs = await store.listJobs({ ...(state && { state }), limit: Number(values.limit) || 50 });
      if (values.json) process.stdout.write(JSON.stringify(jobs, null, 2) + '\n');
      else {
        const depth = await store.queueDepth();
        process.stdout.write(`queue: ${STATES.map((s) => `${s} ${depth[s]}`).join(' · ')}\n`);
        for (const j of jobs)
          process.stdout.write(
            `${String(j.id).padStart(6)}  ${j.state.padEnd(7)} ticket ${j.ticketId.padEnd(10)} attempts ${j.attempts}  ${new Date(j.updatedAt).toISOString()}${j.lastError ? `  ${j.lastError}` : ''}\n`,
          );
      }
      return EXIT.ok;
    }
    const jobId = Number(id);
    if (!Number.isInteger(jobId) || jobId <= 0) throw new CliError(`usage: inscope jobs ${sub ?? 'show'} JOB_ID`, EXIT.usage);
    if (sub === 'show') {
      const job = await store.getJob(jobId);
      if (!job) throw new CliError(`no job ${jobId}`, EXIT.invalid);
      process.stdout.write(JSON.stringify({ ...job, deliveries: job.deliveries.map((d) => ({ ...d, payload: JSON.parse(d.payload) as unknown })) }, null, 2) + '\n');
      return EXIT.ok;
    }
    if (sub === 'retry') {
      const job = await store.retryJob(jobId, Date.now());
      if (!job) throw new CliError(`job ${jobId} is not dead; only dead jobs can be retried`, EXIT.invalid);
      process.stdout.write(`job ${jobId} queued again (ticket ${job.ticketId}); a running connector picks it up\n`);
      return EXIT.ok;
    }
    throw new CliError(`unknown jobs command "${sub}": use list, show or retry`, EXIT.usage);
  } finally {
    await store.close();
  }
}
