// Batches many small writes into large ones and respects back-pressure, so simulate streams
// 100,000 rows in constant memory without a syscall per row.
import type { Writable } from 'node:stream';
import { once } from 'node:events';

export interface BufferedWriter {
  write(line: string): Promise<void>;
  end(): Promise<void>;
}

export function createBufferedWriter(stream: Writable, highWater = 64 * 1024): BufferedWriter {
  let buffer = '';
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer;
    buffer = '';
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  return {
    async write(line) {
      buffer += line + '\n';
      if (buffer.length >= highWater) await flush();
    },
    async end() {
      await flush();
    },
  };
}
