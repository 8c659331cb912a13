// Preloaded into a benchmarked child process: on exit it writes its peak memory and run time to the
// file named by BENCH_USAGE_FILE, so the parent measures the child alone.
import fs from 'node:fs';

const started = performance.now();
process.on('exit', () => {
  if (!process.env.BENCH_USAGE_FILE) return;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  fs.writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRssMB, elapsedMs: performance.now() - started }));
});
