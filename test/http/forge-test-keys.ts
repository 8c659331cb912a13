// A stand-in for Atlassian's Forge key set: an RSA key pair whose public half is served as a JWKS
// from a real loopback HTTP server, and a signer for Forge Invocation Tokens in the documented shape.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey } from 'jose';

export const TEST_APP_ID = 'ari:cloud:ecosystem::app/6f1c2a0e-3b7d-4c55-9e21-0a4b5c6d7e8f';
export const TEST_INSTALLATION_ID = 'ari:cloud:ecosystem::installation/8d5f651a-b2e9-4b38-aac6-30abc7f3effb';
export const TEST_ACCOUNT_ID = '5b10ac8d82e05b22cc7d4ef5';

export interface ForgeKeyServer {
  readonly jwksUrl: string;
  /** How often the key set was fetched. */
  readonly fetches: () => number;
  sign(claims?: JWTPayload, options?: { issuer?: string; audience?: string; expiresAt?: number; issuedAt?: number; kid?: string; key?: CryptoKey }): Promise<string>;
  close(): Promise<void>;
}

/** The issue the test tokens' panel is open on, unless a test names another. */
export const TEST_ISSUE = { id: '10042', key: 'SUP-42' } as const;

/**
 * The claims Forge puts in a FIT for a Custom UI module calling its remote. The signed `context`
 * carries the issue view's extension context, as `view.getContext()` shows it to the page
 * (Forge Custom UI bridge, "view › getContext", jira:issueContext: `extension.issue`, `extension.project`).
 */
export function fitClaims(overrides: JWTPayload = {}, issue: { readonly id: string; readonly key: string } = TEST_ISSUE): JWTPayload {
  return {
    app: {
      id: TEST_APP_ID,
      installationId: TEST_INSTALLATION_ID,
      apiBaseUrl: 'https://api.atlassian.com/ex/jira/4869c4ef-cb0d-4108-8243-8929ac7cc1fa',
      environment: { type: 'PRODUCTION', id: 'ari:cloud:ecosystem::environment/6f1c2a0e-3b7d-4c55-9e21-0a4b5c6d7e8f/e62535ae-72f9-49da-a8d3-c0b82cab4ca1' },
      module: { type: 'jira:issueContext', key: 'inscope-issue-context' },
    },
    context: {
      cloudId: '4869c4ef-cb0d-4108-8243-8929ac7cc1fa',
      moduleKey: 'inscope-issue-context',
      extension: {
        type: 'jira:issueContext',
        issue: { id: issue.id, key: issue.key, type: 'Service Request', typeId: '10004' },
        project: { id: '10000', key: issue.key.split('-')[0], type: 'service_desk' },
      },
    },
    principal: TEST_ACCOUNT_ID,
    ...overrides,
  };
}

export async function startForgeKeyServer(now: () => number = Date.now): Promise<ForgeKeyServer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'forge-test-1', alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') return void res.writeHead(404).end();
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    fetches: () => fetches,
    async sign(claims = fitClaims(), options = {}) {
      const iat = options.issuedAt ?? Math.floor(now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'forge-test-1' })
        .setIssuer(options.issuer ?? 'forge/invocation-token')
        .setAudience(options.audience ?? TEST_APP_ID)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(options.expiresAt ?? iat + 300)
        .sign(options.key ?? privateKey);
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
