// The SidebarApi over Forge Remote: every call is `invokeRemote` to the connector's Jira sidebar
// API. Forge adds a fresh Forge Invocation Token to each request, so the page holds no secret and
// the connector knows the installation and the user from the token, not from anything the page says.
import { SidebarApiError, type SidebarApi, type SidebarData } from '../../shared/sidebar-data.js';
import type { ForgeBridge, RemoteInvokeResponse } from './forge-bridge.js';

/** Where the connector mounts the sidebar router for Jira (connectors/server/compose-tenant.ts). */
export const JIRA_SIDEBAR_BASE = '/api/v1/jira';

// Set by the build (apps/jira/vite.config.ts) from INSCOPE_CONNECTOR_URL's path: a deployment with
// several tenants serves this one under /t/<id>, and Forge Remote's baseUrl is only the origin.
declare const __INSCOPE_PATH_PREFIX__: string | undefined;
const BUILT_PREFIX = typeof __INSCOPE_PATH_PREFIX__ === 'string' ? __INSCOPE_PATH_PREFIX__ : '';

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function toSidebarApiError(failure: unknown): SidebarApiError {
  const f = (failure ?? {}) as RemoteInvokeResponse & { message?: unknown };
  const status = typeof f.status === 'number' ? f.status : 0;
  const body = parseBody(f.body) as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : status === 0 ? 'unreachable' : `http_${status}`;
  const message = typeof body?.error?.message === 'string' ? body.error.message : typeof f.message === 'string' ? f.message : 'The connector did not answer';
  return new SidebarApiError(status, code, message);
}

export function createJiraSidebarApi(bridge: Pick<ForgeBridge, 'invokeRemote'>, issueKey: string, pathPrefix: string = BUILT_PREFIX): SidebarApi {
  const base = `${pathPrefix}${JIRA_SIDEBAR_BASE}/tickets/${encodeURIComponent(issueKey)}`;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: RemoteInvokeResponse;
    try {
      response = await bridge.invokeRemote({
        path: `${base}${path}`,
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body }),
      });
    } catch (failure) {
      throw toSidebarApiError(failure);
    }
    const status = typeof response?.status === 'number' ? response.status : 0;
    if (status < 200 || status >= 300) throw toSidebarApiError(response);
    return parseBody(response.body) as T;
  }

  return {
    load: () => call<SidebarData>('GET', '/verdict'),
    approve: (body) => call('POST', '/actions/approve', body),
    requestInfo: () => call('POST', '/actions/request-info', {}),
    convert: (body) => call('POST', '/actions/convert', body),
    reevaluate: () => call('POST', '/actions/reevaluate', {}),
  };
}
