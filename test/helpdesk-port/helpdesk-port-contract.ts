// The one contract every helpdesk adapter behind HelpdeskPort keeps, run against Zendesk and Jira
// with nock at the HTTP boundary. Each adapter brings a harness that stubs its helpdesk's API for
// an example request and translates the writes it saw back into logical terms; the assertions
// below are the same for every helpdesk.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Category, Status } from '../../rules/index.js';
import type { HelpdeskPort, TicketChange } from '../../connectors/core/helpdesk-port.js';
import { isConflictError, isRateLimitError, type HelpdeskError } from '../../connectors/shared/helpdesk-error.js';
import { viaRequester, zendeskExample } from './same-request.js';

export interface LogicalWrites {
  category?: Category;
  status?: Status;
  /** The complete label/tag set after the writes. */
  tags?: string[];
  comments: { body: string; public: boolean }[];
}

export interface TicketSetup {
  readonly category?: Category;
  readonly status?: Status;
  readonly tags?: readonly string[];
}

export interface PortHarness {
  readonly name: 'zendesk' | 'jira';
  port(): HelpdeskPort;
  ticketId(exampleId: number): string;
  /** Stubs the reads of one load of the example request. */
  mockLoad(exampleId: number, setup?: TicketSetup): void;
  /** Stubs the reads and writes of one apply; `writes()` is what reached the helpdesk, in logical terms. */
  mockApply(exampleId: number, setup?: TicketSetup): { writes(): LogicalWrites };
  /** The request changed after it was read: apply must fail with a conflict. */
  mockConflict(exampleId: number): void;
  /** Every write answers 429 with this Retry-After. */
  mockRateLimited(exampleId: number, retryAfterSec: number): void;
}

function expectedFacts(exampleId: number) {
  const example = zendeskExample(exampleId);
  const { ticket, users, organizations, comments } = example;
  const requester = users?.find((u) => u.id === ticket.requester_id) ?? viaRequester(example);
  const organization = organizations?.find((o) => o.id === ticket.organization_id);
  return {
    subject: ticket.subject,
    createdAt: Date.parse(ticket.created_at),
    requesterEmail: requester?.email,
    organizationId: ticket.organization_id === null ? undefined : String(ticket.organization_id),
    organizationName: organization?.name,
    tags: ticket.tags,
    attachments: (comments ?? []).flatMap((c) => c.attachments ?? []).map((a) => a.file_name),
  };
}

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

export function describeHelpdeskPortContract(harness: PortHarness): void {
  describe(`HelpdeskPort contract: ${harness.name}`, () => {
    beforeAll(() => {
      nock.disableNetConnect();
    });
    afterEach(() => {
      nock.cleanAll();
    });

    it.each([48201, 48212, 48220, 48224])('loads example request %s with the same work item facts', async (exampleId) => {
      harness.mockLoad(exampleId);
      const state = await harness.port().load(harness.ticketId(exampleId), []);
      const expected = expectedFacts(exampleId);
      const { item } = state;
      expect(item.id).toBe(harness.ticketId(exampleId));
      expect(item.subject).toBe(expected.subject);
      expect(words(item.description)).toBe(words(zendeskExample(exampleId).ticket.description));
      expect(Date.parse(item.createdAt)).toBe(expected.createdAt);
      expect(item.requesterEmail).toBe(expected.requesterEmail);
      expect(item.organizationId).toBe(expected.organizationId);
      expect(item.organizationName).toBe(expected.organizationName);
      expect(item.tags).toEqual(expected.tags);
      // An adapter may leave the attachments for later (Zendesk: one more call), but then says so and can read them.
      expect(item.attachmentsUnread !== true || state.loadAttachments !== undefined).toBe(true);
      const withAttachments = item.attachmentsUnread === true ? await state.loadAttachments!() : item;
      expect(withAttachments.attachments.map((a) => a.filename)).toEqual(expected.attachments);
      expect(state).toMatchObject({ category: null, status: 'other', tags: expected.tags });
      expect(typeof state.version).toBe('string');
    });

    it('maps the custom fields to the same logical fields', async () => {
      harness.mockLoad(48201);
      const { item } = await harness.port().load(harness.ticketId(48201), []);
      expect(item.fields).toEqual({ product: 'finance', version: '10.2', module: 'invoicing', errorText: 'ERR-4102 Factuurnummer bestaat al' });
    });

    it('reads the category, status and tags InScope set earlier back as logical values', async () => {
      harness.mockLoad(48201, { category: 'advisory', status: 'approved', tags: ['finance', 'inscope_advisory'] });
      const state = await harness.port().load(harness.ticketId(48201), []);
      expect(state).toMatchObject({ category: 'advisory', status: 'approved', tags: ['finance', 'inscope_advisory'] });
    });

    it('applies category, status, tags and an internal note', async () => {
      const stub = harness.mockApply(48203);
      const port = harness.port();
      const state = await port.load(harness.ticketId(48203), []);
      const tags = [...state.tags, 'inscope_advisory', 'inscope_d_0badcafe'];
      const change: TicketChange = { category: 'advisory', status: 'new', tags, comment: { body: 'Advies: 3 h × 135.00 EUR', public: false } };
      await port.apply(harness.ticketId(48203), change, state.version);
      expect(stub.writes()).toEqual({ category: 'advisory', status: 'new', tags, comments: [{ body: 'Advies: 3 h × 135.00 EUR', public: false }] });
    });

    it('applies an approval and a public comment to the customer', async () => {
      const stub = harness.mockApply(48201);
      const port = harness.port();
      const state = await port.load(harness.ticketId(48201), []);
      await port.apply(harness.ticketId(48201), { status: 'approved', comment: { body: 'Wat is het versienummer?', public: true } }, state.version);
      expect(stub.writes()).toEqual({ status: 'approved', comments: [{ body: 'Wat is het versienummer?', public: true }] });
    });

    it('removes tags that are no longer wanted', async () => {
      const stub = harness.mockApply(48201, { tags: ['finance', 'web_form', 'inscope_review', 'inscope_d_00000001'] });
      const port = harness.port();
      const state = await port.load(harness.ticketId(48201), []);
      await port.apply(harness.ticketId(48201), { tags: ['finance', 'web_form', 'inscope_covered', 'inscope_d_00000002'] }, state.version);
      expect(stub.writes()).toEqual({ tags: ['finance', 'web_form', 'inscope_covered', 'inscope_d_00000002'], comments: [] });
    });

    it('fails with a typed conflict when the request changed after it was read', async () => {
      harness.mockConflict(48201);
      const port = harness.port();
      const state = await port.load(harness.ticketId(48201), []);
      const error = await port.apply(harness.ticketId(48201), { category: 'call', tags: ['inscope_covered'] }, state.version).catch((e: unknown) => e);
      expect(isConflictError(error)).toBe(true);
    });

    it('fails with a typed rateLimit error that carries Retry-After when the helpdesk keeps answering 429', async () => {
      harness.mockRateLimited(48201, 7);
      const port = harness.port();
      const state = await port.load(harness.ticketId(48201), []);
      const error = await port.apply(harness.ticketId(48201), { category: 'call', tags: ['inscope_covered'] }, state.version).catch((e: unknown) => e);
      expect(isRateLimitError(error)).toBe(true);
      expect((error as HelpdeskError).retryAfterMs).toBe(7000);
    });
  });
}
