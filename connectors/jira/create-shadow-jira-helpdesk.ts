// The Jira adapter for shadow mode (no Jira credentials, or `connector.mode: shadow`): the work
// item comes from the issue the latest delivery carried, and apply() writes nothing. The worker
// still records what it would have done in the audit log.
import type { DeliveryHint, HelpdeskPort, TicketState } from '../core/helpdesk-port.js';
import { HelpdeskError } from '../shared/helpdesk-error.js';
import { jiraTicketState, type JiraMapping } from './jira-mapping.js';
import { jiraIssueToWorkItem, type JiraIssue } from './to-domain.js';

function latestIssue(deliveries: readonly DeliveryHint[]): JiraIssue | null {
  for (let i = deliveries.length - 1; i >= 0; i--) {
    try {
      const payload = JSON.parse(deliveries[i]!.payload) as { issue?: JiraIssue };
      if (payload.issue?.fields && Object.keys(payload.issue.fields).length > 0) return payload.issue;
    } catch {
      // A payload that is not JSON (a re-evaluation request) carries no issue.
    }
  }
  return null;
}

export function createShadowJiraHelpdesk(mapping: JiraMapping): HelpdeskPort {
  return {
    kind: 'jira',
    live: false,
    async load(ticketId, deliveries): Promise<TicketState> {
      const issue = latestIssue(deliveries);
      if (!issue) throw new HelpdeskError('notFound', `No delivery for Jira issue ${ticketId} carries the issue, and shadow mode cannot read it from Jira`);
      return jiraTicketState(issue, jiraIssueToWorkItem(issue, { fields: mapping.fields }), mapping);
    },
    async apply() {
      // Shadow mode: the audit entry records the planned change; nothing is written.
    },
  };
}
