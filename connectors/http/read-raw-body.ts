// Reads a request body into a Buffer without ever holding more than `maxBytes` of it. A webhook
// signature covers the exact bytes sent, so the body must be read raw, before any JSON parsing.
import type { IncomingMessage } from 'node:http';

export type ReadRawBodyResult = { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly reason: 'too_large' | 'aborted' };

/** Past this many discarded bytes an oversize upload is cut off rather than drained. */
const DRAIN_FACTOR = 16;

export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<ReadRawBodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = false;
    let settled = false;
    const settle = (result: ReadRawBodyResult): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      if (!result.ok) req.resume();
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        // Drain (and drop) the rest so the client can read our 413 instead of a reset connection;
        // give up on a client that keeps sending far past the limit.
        if (received > maxBytes * DRAIN_FACTOR) {
          settle({ ok: false, reason: 'too_large' });
          req.destroy();
        }
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => settle(tooLarge ? { ok: false, reason: 'too_large' } : { ok: true, body: Buffer.concat(chunks, received) });
    const onError = (): void => settle({ ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}
