// Preloaded into a benchmarked child process: on exit it writes its peak memory and run time to the
// file named by BENCH_USAGE_FILE, so the parent measures the child alone.
// CPU time is what the ratios use: other load on a shared machine stretches wall time unevenly.
import fs from 'node:fs';

const started = performance.now();
process.on('exit', () => {
  if (!process.env.BENCH_USAGE_FILE) return;
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  fs.writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRssMB: usage.maxRSS / 1024, cpuMs, elapsedMs: performance.now() - started }));
});
