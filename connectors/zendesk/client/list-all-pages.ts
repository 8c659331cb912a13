// Collects every item of a Zendesk list endpoint that supports cursor pagination
// (https://developer.zendesk.com/api-reference/introduction/pagination/): `page[size]` up to 100,
// then `page[after]` = `meta.after_cursor` while `meta.has_more`. The cursor is sent back to the
// configured host; `links.next` (an absolute URL) is deliberately not followed with our credentials.
import type { Query, ZendeskRequest } from './zendesk-request.js';

interface CursorPage {
  readonly meta?: { readonly has_more?: boolean; readonly after_cursor?: string | null };
}

export async function listAllPages<T>(request: ZendeskRequest, path: string, key: string, query: Query = {}): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await request<Record<string, unknown> & CursorPage>(
      'GET',
      path,
      { query: { ...query, 'page[size]': 100, 'page[after]': after } },
    );
    items.push(...((page[key] as T[] | undefined) ?? []));
    const next = page.meta?.has_more ? page.meta.after_cursor : undefined;
    if (!next) return items;
    after = next;
  }
}

