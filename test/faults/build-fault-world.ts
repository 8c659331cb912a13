// The ticket world of the fault suite: the 25 example Zendesk tickets, each cloned into many new
// tickets (new ids, same content, so every clone gets its example's verdict), as they arrive: no
// category yet, status New. Users and organizations come from the examples too. The same examples
// as JSM issues make the Jira half.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeJiraIssue } from '../helpers/fake-jira.js';
import type { FakeComment, FakeOrganization, FakeTicket, FakeUser, FakeZendeskData } from '../helpers/fake-zendesk.js';
import { asJiraIssue, exampleIds, freshZendesk } from '../helpdesk-port/same-request.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/tickets/', import.meta.url));
const CATEGORY_FIELD = 360001000001;
const STATUS_NEW = 19000000101;
export const FIRST_TICKET_ID = 500_001;

interface Example {
  readonly ticket: FakeTicket & { custom_fields?: { id: number; value: unknown }[] };
  readonly users?: FakeUser[];
  readonly organizations?: FakeOrganization[];
  readonly comments?: FakeComment[];
}

export interface FaultWorld extends FakeZendeskData {
  readonly tickets: readonly FakeTicket[];
  /** Ticket id → the example it was cloned from (e.g. 48201). */
  readonly exampleOf: ReadonlyMap<number, number>;
}

export function buildFaultWorld(ticketCount: number): FaultWorld {
  const examples = fs
    .readdirSync(EXAMPLES)
    .filter((f) => /^zendesk-\d+-.*\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8')) as Example);
  const users = new Map<number, FakeUser>();
  const organizations = new Map<number, FakeOrganization>();
  for (const example of examples) {
    for (const user of example.users ?? []) users.set(user.id, user);
    for (const org of example.organizations ?? []) organizations.set(org.id, org);
  }
  const tickets: FakeTicket[] = [];
  const comments: Record<number, FakeComment[]> = {};
  const exampleOf = new Map<number, number>();
  for (let i = 0; i < ticketCount; i++) {
    const example = examples[i % examples.length]!;
    const id = FIRST_TICKET_ID + i;
    const fields = (example.ticket.custom_fields ?? []).map((f) => (f.id === CATEGORY_FIELD ? { ...f, value: null } : f));
    tickets.push({ ...structuredClone(example.ticket), id, url: `https://veldhuis.zendesk.com/api/v2/tickets/${id}.json`, status: 'new', custom_status_id: STATUS_NEW, custom_fields: fields, fields });
    if (example.comments) comments[id] = structuredClone(example.comments);
    exampleOf.set(id, example.ticket.id);
  }
  return { tickets, users: [...users.values()], organizations: [...organizations.values()], comments, exampleOf };
}

/** The first fault-suite Jira issue is SUP-7001; issue keys count up from it. */
export const FIRST_JIRA_ISSUE = 7001;

/**
 * The Jira half of the world: the same example requests as JSM issues (test/helpdesk-port/
 * same-request.ts), cloned under new keys as they arrive: no category yet, status Waiting for support.
 */
export function buildJiraFaultWorld(issueCount: number): FakeJiraIssue[] {
  const ids = exampleIds();
  return Array.from({ length: issueCount }, (_, i) => asJiraIssue(freshZendesk(ids[i % ids.length]!), { key: `SUP-${FIRST_JIRA_ISSUE + i}` }));
}
