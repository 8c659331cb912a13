// The in-memory ticket world behind the fake Zendesk: tickets, users, organizations, comments, their
// audits and uploads, and the one write the connector makes (a ticket update), applied the way
// Zendesk applies it: one audit per update, its comment one of the audit's events. Shapes follow
// shared/specs/zendesk/tickets.yml and uploads.yml and the Ticket Audits reference
// (developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/); only what the connector
// reads or writes is modelled.

export type FakeJson = Record<string, unknown>;

export interface FakeTicket extends FakeJson {
  readonly id: number;
}

export interface FakeUser extends FakeJson {
  readonly id: number;
}

export interface FakeOrganization extends FakeJson {
  readonly id: number;
}

export interface FakeComment extends FakeJson {
  readonly id: number;
  readonly body: string;
  readonly public: boolean;
}

export interface FakeZendeskData {
  readonly tickets: readonly FakeTicket[];
  readonly users?: readonly FakeUser[];
  readonly organizations?: readonly FakeOrganization[];
  /** Per ticket id; default: one public comment holding the description, from the requester. */
  readonly comments?: Readonly<Record<number, readonly FakeComment[]>>;
}

/** Zendesk timestamps have one-second resolution; every write moves `updated_at` on by at least a second. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const clone = <T>(value: T): T => structuredClone(value);

export interface UpdateResult {
  readonly ticket: FakeTicket;
  readonly audit: FakeJson;
}

export function createFakeZendeskState(data: FakeZendeskData, now: () => number, agentId: number) {
  const tickets = new Map<number, FakeJson>(data.tickets.map((t) => [t.id, clone(t) as FakeJson]));
  const users = new Map<number, FakeUser>((data.users ?? []).map((u) => [u.id, clone(u)]));
  const organizations = new Map<number, FakeOrganization>((data.organizations ?? []).map((o) => [o.id, clone(o)]));
  const comments = new Map<number, FakeComment[]>();
  const audits = new Map<number, FakeJson[]>();
  const uploads = new Map<string, FakeJson>();
  let nextId = 900_000_000;

  for (const ticket of data.tickets) {
    const given = data.comments?.[ticket.id];
    const created = typeof ticket.created_at === 'string' ? ticket.created_at : isoSeconds(now());
    const description = typeof ticket.description === 'string' ? ticket.description : '';
    const list: FakeComment[] = given
      ? given.map((c) => clone(c))
      : [{ id: ++nextId, type: 'Comment', author_id: ticket.requester_id ?? null, body: description, html_body: `<p>${description}</p>`, plain_body: description, public: true, attachments: [], created_at: created, via: { channel: 'web' } }];
    comments.set(ticket.id, list);
    // Each comment came with the update that added it: an audit whose Comment event is the comment.
    audits.set(
      ticket.id,
      list.map((c) => {
        const { via, created_at, audit_id, ...event } = c;
        return { id: typeof audit_id === 'number' ? audit_id : ++nextId, ticket_id: ticket.id, created_at: created_at ?? created, author_id: c.author_id ?? null, via: via ?? { channel: 'web' }, metadata: { system: {}, custom: {} }, events: [{ type: 'Comment', ...event }] };
      }),
    );
  }

  function customFieldsWith(current: unknown, updates: readonly { id: unknown; value: unknown }[]): { id: unknown; value: unknown }[] {
    const list = Array.isArray(current) ? (current as { id: unknown; value: unknown }[]).map((f) => ({ ...f })) : [];
    for (const { id, value } of updates) {
      const found = list.find((f) => String(f.id) === String(id));
      if (found) found.value = value;
      else list.push({ id: Number(id), value });
    }
    return list;
  }

  return {
    ticket: (id: number): FakeTicket | undefined => {
      const t = tickets.get(id);
      return t ? (clone(t) as FakeTicket) : undefined;
    },
    user: (id: number) => (users.has(id) ? clone(users.get(id)!) : undefined),
    organization: (id: number) => (organizations.has(id) ? clone(organizations.get(id)!) : undefined),
    comments: (id: number): FakeComment[] => clone(comments.get(id) ?? []),
    audits: (id: number): FakeJson[] => clone(audits.get(id) ?? []),

    /** `include=users` sideloads requester, submitter and assignee; `include=organizations` the ticket's organization. */
    sideloads(ticket: FakeJson, include: readonly string[]): FakeJson {
      const out: FakeJson = {};
      if (include.includes('users')) {
        const ids = new Set([ticket.requester_id, ticket.submitter_id, ticket.assignee_id].filter((v): v is number => typeof v === 'number'));
        out.users = [...ids].map((id) => users.get(id)).filter(Boolean).map((u) => clone(u));
      }
      if (include.includes('organizations')) {
        const org = typeof ticket.organization_id === 'number' ? organizations.get(ticket.organization_id) : undefined;
        out.organizations = org ? [clone(org)] : [];
      }
      return out;
    },

    /**
     * The sideloads of a page of audits (Zendesk lists users, organizations, groups and tickets for
     * Audits): `tickets` the audited ticket; `users` the authors of the page's audits, and no one else
     * (a requester who wrote none of them is not assumed to come along); `organizations` those of the
     * sideloaded tickets and users.
     */
    auditSideloads(ticket: FakeJson, page: readonly FakeJson[], include: readonly string[]): FakeJson {
      const out: FakeJson = {};
      const listed: FakeJson[] = include.includes('tickets') ? [clone(ticket)] : [];
      if (include.includes('tickets')) out.tickets = listed;
      const authors = include.includes('users') ? [...new Set(page.map((a) => a.author_id))].flatMap((id) => (typeof id === 'number' && users.has(id) ? [clone(users.get(id)!)] : [])) : [];
      if (include.includes('users')) out.users = authors;
      if (include.includes('organizations')) {
        const ids = new Set([...listed, ...authors].map((r) => r.organization_id).filter((v): v is number => typeof v === 'number'));
        out.organizations = [...ids].flatMap((id) => (organizations.has(id) ? [clone(organizations.get(id)!)] : []));
      }
      return out;
    },

    /** True when `safe_update` is asked for and `updated_stamp` no longer matches `updated_at`. */
    conflicts(id: number, update: FakeJson): boolean {
      const ticket = tickets.get(id);
      const safe = update.safe_update === true || update.safe_update === 'true';
      if (!ticket || !safe) return false;
      return Date.parse(String(update.updated_stamp)) !== Date.parse(String(ticket.updated_at));
    },

    applyUpdate(id: number, update: FakeJson): UpdateResult {
      const ticket = tickets.get(id)!;
      const events: FakeJson[] = [];
      if (Array.isArray(update.custom_fields)) {
        ticket.custom_fields = customFieldsWith(ticket.custom_fields, update.custom_fields as { id: unknown; value: unknown }[]);
        if (Array.isArray(ticket.fields)) ticket.fields = customFieldsWith(ticket.fields, update.custom_fields as { id: unknown; value: unknown }[]);
        for (const f of update.custom_fields as FakeJson[]) events.push({ type: 'Change', field_name: String(f.id), value: f.value });
      }
      for (const key of ['custom_status_id', 'status', 'priority', 'type', 'subject', 'assignee_id', 'group_id'] as const) {
        if (key in update) {
          events.push({ type: 'Change', field_name: key, value: update[key], previous_value: ticket[key] ?? null });
          ticket[key] = update[key];
        }
      }
      if (Array.isArray(update.tags)) {
        ticket.tags = [...new Set((update.tags as unknown[]).map(String))];
        events.push({ type: 'Change', field_name: 'tags', value: ticket.tags });
      }
      const stamp = Math.max(now(), Date.parse(String(ticket.updated_at ?? 0)) + 1000);
      const at = isoSeconds(stamp);
      const comment = update.comment as FakeJson | undefined;
      if (comment) {
        const body = String(comment.body ?? comment.html_body ?? '');
        const attachments = ((comment.uploads as string[] | undefined) ?? []).flatMap((token) => {
          const upload = uploads.get(token);
          return upload ? [upload] : [];
        });
        const added: FakeComment = {
          id: ++nextId,
          type: 'Comment',
          author_id: comment.author_id ?? agentId,
          body,
          html_body: `<p>${body}</p>`,
          plain_body: body,
          public: comment.public !== false,
          attachments,
          created_at: at,
          via: { channel: 'api' },
        };
        comments.get(id)!.push(added);
        events.push({ type: 'Comment', id: added.id, body, public: added.public, attachments });
      }
      ticket.updated_at = at;
      const audit: FakeJson = { id: ++nextId, ticket_id: id, created_at: at, author_id: agentId, via: { channel: 'api' }, metadata: { system: {}, custom: {} }, events };
      audits.get(id)!.push(audit);
      return { ticket: clone(ticket) as FakeTicket, audit: clone(audit) };
    },

    addUpload(filename: string, bytes: number, contentType: string): FakeJson {
      const token = `fake${(++nextId).toString(36)}`;
      const attachment = { id: ++nextId, file_name: filename, content_url: `https://example.zendesk.com/attachments/token/${token}/?name=${encodeURIComponent(filename)}`, content_type: contentType, size: bytes, inline: false, deleted: false, thumbnails: [] };
      uploads.set(token, attachment);
      return { token, expires_at: isoSeconds(now() + 3_600_000), attachment, attachments: [attachment] };
    },
  };
}

export type FakeZendeskState = ReturnType<typeof createFakeZendeskState>;
