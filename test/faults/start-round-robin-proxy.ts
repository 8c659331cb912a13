// The loopback load balancer in front of the connector instances: each request goes to the next
// instance in turn. An instance that cannot be reached (killed, restarting) is answered with 502,
// as a real balancer would until its health check notices; the driver retries like Zendesk does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  readonly url: string;
  /** Replaces the instance list (a restarted instance listens on a new port). */
  setTargets(urls: readonly string[]): void;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(initial: readonly string[]): Promise<RoundRobinProxy> {
  let targets = initial.map((u) => new URL(u));
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const target = targets[next++ % Math.max(1, targets.length)];
    if (!target) {
      res.writeHead(502).end();
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":"bad_gateway"}');
      else res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setTargets(urls) {
      targets = urls.map((u) => new URL(u));
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
