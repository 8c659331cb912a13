import { describe, expect, it } from 'vitest';
import { createJiraSidebarApi } from '../../../apps/jira/src/create-jira-sidebar-api.js';
import type { RemoteInvokeInput, RemoteInvokeResponse } from '../../../apps/jira/src/forge-bridge.js';
import { SidebarApiError } from '../../../apps/shared/sidebar-data.js';

function bridge(answer: (input: RemoteInvokeInput) => Promise<RemoteInvokeResponse>) {
  const calls: RemoteInvokeInput[] = [];
  return { calls, invokeRemote: (input: RemoteInvokeInput) => (calls.push(input), answer(input)) };
}

describe('createJiraSidebarApi', () => {
  it('sends each action to the connector path for the issue key, with a JSON body', async () => {
    const b = bridge(async () => ({ status: 200, body: { proposal: { hours: 2 } } }));
    const api = createJiraSidebarApi(b, 'SUP-42');
    await api.convert({ hours: 2, scope: 'Travel rules' });
    expect(b.calls).toEqual([{ path: '/api/v1/jira/tickets/SUP-42/actions/convert', method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: { hours: 2, scope: 'Travel rules' } }]);
  });

  it('puts a tenant\'s prefix before every path when the app is built for one', async () => {
    const b = bridge(async () => ({ status: 200, body: { verdict: null } }));
    await createJiraSidebarApi(b, 'SUP-42', '/t/acme').load();
    expect(b.calls[0]?.path).toBe('/t/acme/api/v1/jira/tickets/SUP-42/verdict');
  });

  it('reads a body Forge hands over as text', async () => {
    const api = createJiraSidebarApi(bridge(async () => ({ status: 202, body: '{"queued":true}' })), 'SUP-42');
    expect(await api.reevaluate()).toEqual({ queued: true });
  });

  it.each<[string, () => Promise<RemoteInvokeResponse>, { status: number; code: string; message: string }]>([
    ['a connector error body', async () => ({ status: 422, body: { error: { code: 'reason_required', message: 'Approving needs a reason' } } }), { status: 422, code: 'reason_required', message: 'Approving needs a reason' }],
    ['a bare status', async () => ({ status: 502 }), { status: 502, code: 'http_502', message: 'The connector did not answer' }],
    ['a rejected invocation (remote unreachable)', () => Promise.reject(new Error('Remote invocation failed')), { status: 0, code: 'unreachable', message: 'Remote invocation failed' }],
    ['an answer without a status', async () => ({}), { status: 0, code: 'unreachable', message: 'The connector did not answer' }],
  ])('turns %s into a SidebarApiError', async (_name, answer, expected) => {
    const error = await createJiraSidebarApi(bridge(answer), 'SUP-42').approve({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SidebarApiError);
    expect(error).toMatchObject(expected);
  });

  it('escapes the issue key into the path', async () => {
    const b = bridge(async () => ({ status: 200, body: {} }));
    await createJiraSidebarApi(b, 'SUP-42/../x').load();
    expect(b.calls[0]!.path).toBe('/api/v1/jira/tickets/SUP-42%2F..%2Fx/verdict');
  });
});
