// `inscope jira backfill --jql "…"`: the requests that were open before InScope was installed,
// read page by page through the enhanced JQL search (`GET /rest/api/3/search/jql`, following
// `nextPageToken`). A dry run triages each issue locally; otherwise each is queued as a delivery
// for the service's workers, keyed by issue and `updated` so that a second run queues nothing new.
import type { Engine } from '../../../rules/index.js';
import type { Store } from '../../store/store.js';
import type { JiraClient } from '../client/create-jira-client.js';
import { jiraReadFields, type JiraMapping } from '../jira-mapping.js';
import { jiraIssueToWorkItem } from '../to-domain.js';

export type JiraBackfillMode =
  | { readonly kind: 'dry-run'; readonly engine: Engine }
  | { readonly kind: 'enqueue'; readonly store: Store; readonly accountId: string };

export interface JiraBackfillOptions {
  readonly client: JiraClient;
  readonly jql: string;
  readonly mapping: JiraMapping;
  readonly mode: JiraBackfillMode;
  readonly now: () => number;
  readonly limit?: number;
  readonly pageSize?: number;
  readonly write?: (line: string) => void;
}

export interface JiraBackfillResult {
  readonly read: number;
  /** Outcomes (dry run) or accepted/duplicate (enqueue). */
  readonly counts: Readonly<Record<string, number>>;
}

export async function runJiraBackfill(options: JiraBackfillOptions): Promise<JiraBackfillResult> {
  const counts: Record<string, number> = {};
  let read = 0;
  const fields = jiraReadFields(options.mapping);
  for await (const page of options.client.searchJql(options.jql, fields, options.pageSize)) {
    for (const issue of page.issues) {
      if (options.limit !== undefined && read >= options.limit) return { read, counts };
      read += 1;
      const key = issue.key ?? issue.id ?? '';
      if (options.mode.kind === 'dry-run') {
        const verdict = options.mode.engine.triage(jiraIssueToWorkItem(issue, { fields: options.mapping.fields }));
        counts[verdict.outcome] = (counts[verdict.outcome] ?? 0) + 1;
        options.write?.(`${key}\t${verdict.outcome}\t${verdict.rule ?? '-'}\t${jiraIssueToWorkItem(issue, { fields: options.mapping.fields }).subject}`);
      } else {
        const id = `backfill-${key}-${String(issue.fields?.['updated'] ?? '')}`;
        const result = await options.mode.store.recordDelivery({
          helpdesk: 'jira',
          accountId: options.mode.accountId,
          deliveryId: id,
          eventId: id,
          eventType: 'inscope.backfill',
          ticketId: key,
          receivedAt: options.now(),
          payload: JSON.stringify({ issue }),
        });
        counts[result.status] = (counts[result.status] ?? 0) + 1;
      }
    }
  }
  return { read, counts };
}
