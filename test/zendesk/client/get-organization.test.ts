import { describe, expect, it } from 'vitest';
import { createHarness, fixture, useNock } from './zendesk-test-client.js';

useNock();

describe('getOrganization', () => {
  it('reads an organization once and answers the next reads from the cache', async () => {
    const h = createHarness();
    const scope = h.api.get('/api/v2/organizations/9001.json').once().reply(200, fixture('organization'));

    const first = await h.client.getOrganization(9001);
    const second = await h.client.getOrganization(9001);

    expect(scope.isDone()).toBe(true);
    expect(second).toEqual(first);
    expect(first.domain_names).toEqual(['bakkerijjansen.nl']);
    expect(h.calls).toHaveLength(1);
  });

  it('reads the organization again once the time-to-live has passed', async () => {
    const h = createHarness({ organizationTtlMs: 60_000 });
    const scope = h.api.get('/api/v2/organizations/9001.json').twice().reply(200, fixture('organization'));

    await h.client.getOrganization(9001);
    h.clock.now += 59_999;
    await h.client.getOrganization(9001);
    expect(h.calls).toHaveLength(1);
    h.clock.now += 1;
    await h.client.getOrganization(9001);

    expect(scope.isDone()).toBe(true);
    expect(h.calls).toHaveLength(2);
  });

  it('caches per organization id', async () => {
    const h = createHarness();
    h.api.get('/api/v2/organizations/9001.json').reply(200, fixture('organization'));
    h.api.get('/api/v2/organizations/9004.json').reply(200, { organization: { id: 9004, name: 'Northwind Traders Ltd' } });
    expect((await h.client.getOrganization(9001)).name).toBe('Bakkerij Jansen B.V.');
    expect((await h.client.getOrganization(9004)).name).toBe('Northwind Traders Ltd');
  });
});

describe('getOrganization under concurrency', () => {
  it('shares one request between concurrent reads of the same organization', async () => {
    const h = createHarness();
    h.api.get('/api/v2/organizations/9001.json').once().reply(200, fixture('organization'));
    const [a, b] = await Promise.all([h.client.getOrganization(9001), h.client.getOrganization(9001)]);
    expect(a).toEqual(b);
    expect(h.calls).toHaveLength(1);
  });

  it('does not cache a failed read', async () => {
    const h = createHarness();
    h.api.get('/api/v2/organizations/9001.json').reply(404, fixture('not-found-404'));
    h.api.get('/api/v2/organizations/9001.json').reply(200, fixture('organization'));
    await expect(h.client.getOrganization(9001)).rejects.toMatchObject({ kind: 'notFound' });
    await expect(h.client.getOrganization(9001)).resolves.toMatchObject({ id: 9001 });
  });
});
