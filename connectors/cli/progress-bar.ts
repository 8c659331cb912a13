// A one-line progress indicator on a terminal's stderr; silent when stderr is not a terminal.
import type { WriteStream } from 'node:tty';
import type { Progress } from '../shared/progress.js';

export function createProgress(stream: NodeJS.WriteStream | WriteStream = process.stderr, label = 'tickets', now = () => performance.now()): Progress {
  if (!stream.isTTY) return { tick() {}, done() {} };
  const started = now();
  let last = 0;
  const draw = (count: number) => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(count / seconds) : 0;
    const width = 24;
    const pos = Math.floor(seconds * 8) % width;
    const bar = '░'.repeat(pos) + '█' + '░'.repeat(width - pos - 1);
    stream.write(`\r${bar} ${count.toLocaleString('en')} ${label} · ${rate.toLocaleString('en')}/s `);
  };
  return {
    tick(count) {
      const t = now();
      if (t - last < 100) return;
      last = t;
      draw(count);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
