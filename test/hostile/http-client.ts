// A raw loopback HTTP client for the hostile-input tests: any method, path, header set and body
// (whole, or in chunks without a length), and a deadline so that a hang is a result, not a stuck test.
import http from 'node:http';

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** Sent in one write with a Content-Length, or chunk by chunk (chunked encoding) when a list. */
  readonly body?: Buffer | readonly Buffer[];
  readonly timeoutMs?: number;
}

export type RawResponse =
  | { readonly kind: 'response'; readonly status: number; readonly headers: http.IncomingHttpHeaders; readonly body: string }
  | { readonly kind: 'reset'; readonly error: string }
  | { readonly kind: 'hang' };

export function send(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const single = Buffer.isBuffer(request.body) ? request.body : undefined;
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: request.method,
      path: request.path,
      agent: false,
      headers: { ...(single !== undefined && { 'content-length': String(single.length) }), ...request.headers },
    });
    const timer = setTimeout(() => {
      settle({ kind: 'hang' });
      req.destroy();
    }, request.timeoutMs ?? 10_000);
    req.on('error', (error) => settle({ kind: 'reset', error: (error as NodeJS.ErrnoException).code ?? error.message }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => settle({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => settle({ kind: 'reset', error: error.message }));
    });
    if (single !== undefined) req.end(single);
    else if (request.body !== undefined) {
      const chunks = request.body as readonly Buffer[];
      const writeNext = (index: number): void => {
        if (index >= chunks.length || req.destroyed) return void req.end();
        if (req.write(chunks[index]!)) writeNext(index + 1);
        else req.once('drain', () => writeNext(index + 1));
      };
      writeNext(0);
    } else req.end();
  });
}
