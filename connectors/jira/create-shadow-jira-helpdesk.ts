// The Jira adapter for shadow mode (no Jira credentials, or `connector.mode: shadow`): the work
// item comes from the issue the deliveries carried, and apply() writes nothing. The worker still
// records what it would have done in the audit log.
//
// Issue events carry the whole issue; comment events only a reduced one (summary, status, type,
// priority: no `created`, no description, no custom fields), which alone cannot be triaged. So the
// snapshots are layered: the fullest one seen (in this job, or earlier in this process) first, the
// newer fields over it.
import type { DeliveryHint, HelpdeskPort, TicketState } from '../core/helpdesk-port.js';
import { HelpdeskError } from '../shared/helpdesk-error.js';
import { jiraTicketState, type JiraMapping } from './jira-mapping.js';
import { jiraIssueToWorkItem, type JiraIssue } from './to-domain.js';

/** Issues remembered for later comment events; the oldest are forgotten beyond this. */
const MAX_REMEMBERED = 5000;

function issuesIn(deliveries: readonly DeliveryHint[]): JiraIssue[] {
  const issues: JiraIssue[] = [];
  for (const delivery of deliveries) {
    try {
      const payload = JSON.parse(delivery.payload) as { issue?: JiraIssue };
      if (payload.issue?.fields && Object.keys(payload.issue.fields).length > 0) issues.push(payload.issue);
    } catch {
      // A payload that is not JSON (a re-evaluation request) carries no issue.
    }
  }
  return issues;
}

const isFull = (issue: JiraIssue): boolean => typeof issue.fields?.['created'] === 'string';

export function createShadowJiraHelpdesk(mapping: JiraMapping): HelpdeskPort {
  const remembered = new Map<string, JiraIssue>();
  const remember = (key: string, issue: JiraIssue): void => {
    remembered.delete(key);
    remembered.set(key, issue);
    if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  };
  return {
    kind: 'jira',
    live: false,
    async load(ticketId, deliveries): Promise<TicketState> {
      const issues = issuesIn(deliveries);
      if (issues.length === 0) throw new HelpdeskError('notFound', `No delivery for Jira issue ${ticketId} carries the issue, and shadow mode cannot read it from Jira`);
      let issue: JiraIssue | undefined = remembered.get(ticketId);
      for (const next of issues) issue = issue ? { ...issue, ...next, fields: { ...issue.fields, ...next.fields } } : next;
      if (!issue || !isFull(issue)) {
        throw new HelpdeskError('notFound', `Jira issue ${ticketId}: the delivery carries only the reduced issue of a comment event (no created date, no description), and shadow mode has not seen the whole issue since it started; it cannot read it from Jira`);
      }
      remember(ticketId, issue);
      return jiraTicketState(issue, jiraIssueToWorkItem(issue, { fields: mapping.fields }), mapping);
    },
    async apply() {
      // Shadow mode: the audit entry records the planned change; nothing is written.
    },
  };
}
