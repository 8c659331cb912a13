// How the client authenticates to Zendesk: an API token of an agent (Basic `email/token:apiToken`)
// or an OAuth access token (Bearer). Source: https://developer.zendesk.com/api-reference/introduction/security-and-auth/
import { HelpdeskError } from '../../shared/helpdesk-error.js';

export type ZendeskAuth =
  | { readonly email: string; readonly apiToken: string }
  | { readonly oauthToken: string };

export function authorizationHeader(auth: ZendeskAuth): string {
  if ('oauthToken' in auth) {
    if (!auth.oauthToken) throw new HelpdeskError('config', 'Zendesk OAuth token is empty');
    return `Bearer ${auth.oauthToken}`;
  }
  if (!auth.email || !auth.apiToken) throw new HelpdeskError('config', 'Zendesk e-mail or API token is empty');
  return `Basic ${Buffer.from(`${auth.email}/token:${auth.apiToken}`).toString('base64')}`;
}

/** Every string that must never appear in a message or log line. */
export function secretsOf(auth: ZendeskAuth): string[] {
  const header = authorizationHeader(auth);
  const credential = header.slice(header.indexOf(' ') + 1);
  return 'oauthToken' in auth ? [auth.oauthToken, credential] : [auth.apiToken, credential];
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out;
}
