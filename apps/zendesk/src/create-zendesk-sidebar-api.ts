// The SidebarApi over ZAF: every call goes through `client.request` with `secure: true` and the `jwt`
// option, so Zendesk's proxy signs an HS256 token with the secure setting `appSecret` (manifest scope
// `jwt_secret_key`) and the secret never reaches the browser (PLATFORM.md, "App → backend auth").
import { SidebarApiError, type SidebarApi, type SidebarData } from '../../shared/sidebar-data.js';
import type { ZafClient, ZafRequestFailure } from './zaf-client.js';

export interface ZendeskSidebarApiOptions {
  /** The connector's base URL from the app setting `connectorUrl`. */
  readonly connectorUrl: string;
  readonly ticketId: string;
  /** Who is acting; the connector writes it into the audit log. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Token lifetime in seconds; each request gets a fresh token from the proxy. */
export const JWT_EXPIRY_SEC = 3600;

function parseJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export function toSidebarApiError(failure: unknown): SidebarApiError {
  const f = (failure ?? {}) as ZafRequestFailure;
  const status = typeof f.status === 'number' ? f.status : 0;
  const body = (f.responseJSON ?? parseJson(f.responseText)) as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : status === 0 ? 'unreachable' : `http_${status}`;
  const message = typeof body?.error?.message === 'string' ? body.error.message : f.statusText || 'The connector did not answer';
  return new SidebarApiError(status, code, message);
}

export function createZendeskSidebarApi(client: ZafClient, options: ZendeskSidebarApiOptions): SidebarApi {
  const base = `${options.connectorUrl.replace(/\/+$/, '')}/api/v1/zendesk/tickets/${encodeURIComponent(options.ticketId)}`;

  async function call<T>(type: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    try {
      const response = await client.request({
        url: `${base}${path}`,
        type,
        contentType: 'application/json',
        dataType: 'json',
        ...(body === undefined ? {} : { data: JSON.stringify(body) }),
        secure: true,
        cors: false,
        headers: { Authorization: 'Bearer {{jwt.token}}' },
        jwt: { algorithm: 'HS256', secret_key: '{{setting.appSecret}}', expiry: JWT_EXPIRY_SEC, claims: options.claims },
      });
      return (typeof response === 'string' ? parseJson(response) : response) as T;
    } catch (failure) {
      throw toSidebarApiError(failure);
    }
  }

  return {
    load: () => call<SidebarData>('GET', '/verdict'),
    approve: (body) => call('POST', '/actions/approve', body),
    requestInfo: () => call('POST', '/actions/request-info', {}),
    convert: (body) => call('POST', '/actions/convert', body),
    reevaluate: () => call('POST', '/actions/reevaluate', {}),
  };
}
