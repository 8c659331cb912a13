// The page a real browser loads for the end-to-end test: the harness (Zendesk's agent interface in
// miniature), the built app's assets/, and /proxy, which does what Zendesk's proxy does for a secure
// `client.request`: substitutes `{{setting.*}}` from the installation's settings (the secure app
// secret included), signs the HS256 JWT the `jwt` option describes, puts it where `{{jwt.token}}`
// stands, and forwards the request to the connector.
import express from 'express';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { signAppJwt } from '../../../../connectors/http/sign-app-jwt.js';

export interface ProxiedCall {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly claims: Record<string, unknown>;
}

export interface ZafHarness {
  readonly url: string;
  readonly proxied: ProxiedCall[];
  close(): Promise<void>;
}

export async function startZafHarness(options: { assetsDir: string; settings: Readonly<Record<string, string>> }): Promise<ZafHarness> {
  const here = import.meta.dirname;
  const proxied: ProxiedCall[] = [];
  const fill = (text: string) => text.replace(/\{\{setting\.(\w+)\}\}/g, (_, name: string) => options.settings[name] ?? '');
  const app = express();
  app.get('/harness.html', (_req, res) => res.type('html').send(fs.readFileSync(path.join(here, 'harness.html'))));
  app.get('/zaf-host.js', (_req, res) => res.type('js').send(fs.readFileSync(path.join(here, 'zaf-host.js'))));
  app.use('/assets', express.static(options.assetsDir));
  app.post('/proxy', express.json(), async (req, res) => {
    const o = req.body as { url: string; type: string; data?: string; headers?: Record<string, string>; jwt?: { secret_key: string; expiry?: number; claims?: Record<string, unknown> } };
    const token = o.jwt ? await signAppJwt(o.jwt.claims ?? {}, fill(o.jwt.secret_key), { expiresInSec: o.jwt.expiry ?? 3600 }) : '';
    const headers = Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k, fill(v).replace('{{jwt.token}}', token)]));
    try {
      const answer = await fetch(fill(o.url), { method: o.type, headers: { 'content-type': 'application/json', ...headers }, ...(o.data === undefined ? {} : { body: o.data }) });
      const body = await answer.text();
      proxied.push({ method: o.type, url: o.url, status: answer.status, claims: o.jwt?.claims ?? {} });
      res.json({ status: answer.status, body });
    } catch {
      res.json({ status: 0, body: '' });
    }
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    proxied,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
