import { describe, expect, it } from 'vitest';
import { createHarness, fixture, useNock } from './zendesk-test-client.js';

useNock();

describe('listTicketComments', () => {
  it('follows the cursor until has_more is false and keeps attachments on their comments', async () => {
    const h = createHarness();
    const first = h.api
      .get('/api/v2/tickets/4101/comments.json')
      .query({ 'page[size]': '100' })
      .reply(200, fixture('ticket-comments-page-1'));
    const second = h.api
      .get('/api/v2/tickets/4101/comments.json')
      .query({ 'page[size]': '100', 'page[after]': 'eyJvIjoiY3JlYXRlZF9hdCIsInYiOiJaR1k9In0' })
      .reply(200, fixture('ticket-comments-page-2'));

    const comments = await h.client.listTicketComments(4101);

    expect(first.isDone() && second.isDone()).toBe(true);
    expect(comments.map((c) => c.id)).toEqual([81001, 81002, 81003]);
    expect(comments[0]?.attachments?.[0]).toMatchObject({ file_name: 'foutmelding.png', content_type: 'image/png' });
    expect(comments[2]?.public).toBe(false);
  });

  it('makes a single request when the first page is the last', async () => {
    const h = createHarness();
    h.api.get('/api/v2/tickets/4101/comments.json').query(true).reply(200, fixture('ticket-comments-page-2'));
    await expect(h.client.listTicketComments(4101)).resolves.toHaveLength(2);
    expect(h.calls).toHaveLength(1);
  });
});
