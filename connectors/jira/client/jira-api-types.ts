// The few Jira and JSM REST shapes InScope reads, narrowed from jira.js's models to what we use.
import type { JiraIssue } from '../to-domain.js';

export interface JiraTransition {
  readonly id: string;
  readonly name?: string;
  readonly to?: { readonly id?: string; readonly name?: string; /** Status category key: new, indeterminate, done. */ readonly category?: string };
  /** Whether the transition shows a screen (Transition `hasScreen`): only then does it take a comment. */
  readonly hasScreen?: boolean;
  /**
   * The fields on the transition's screen with the operations each allows (`transitions.fields`
   * expand: "If a field is not configured to appear on the transition screen, then it will not be
   * in the transition metadata"). Absent when the read did not expand them.
   */
  readonly fields?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Body of `PUT /rest/api/3/issue/{key}`: `fields` sets values, `update` applies verbs (labels
 * add/remove, comment add). The same IssueUpdateDetails is the body of "Transition issue", where
 * `fields` and `update` reach only what the transition's screen shows.
 */
export interface JiraIssueEdit {
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly update?: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
  /** Issue properties set in the same call ("Edit issue" and "Transition issue" both take them). */
  readonly properties?: readonly JiraEntityProperty[];
}

export interface JiraEntityProperty {
  readonly key: string;
  readonly value: unknown;
}

export interface JiraSearchPage {
  readonly issues: readonly JiraIssue[];
  /** Absent or null on the last page (JRACLOUD-92184: the key is left out rather than null). */
  readonly nextPageToken: string | null;
}

export interface JiraField {
  readonly id: string;
  readonly name: string;
  readonly custom?: boolean;
  readonly schema?: { readonly type?: string; readonly custom?: string };
}

export interface JiraFieldContext {
  readonly id: string;
  readonly name?: string;
}

export interface JiraFieldOption {
  readonly id: string;
  readonly value: string;
  readonly disabled?: boolean;
}

export interface JiraProjectIssueTypeStatuses {
  readonly name?: string;
  readonly statuses: readonly { readonly id?: string; readonly name: string }[];
}

/** An admin webhook (`/rest/webhooks/1.0/webhook`). */
export interface JiraAdminWebhook {
  readonly self?: string;
  readonly name: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly filters?: Readonly<Record<string, string>>;
  readonly enabled?: boolean;
}

export interface JiraAdminWebhookInput {
  readonly name: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly jql?: string;
  readonly secret: string;
}

export type { JiraIssue };

/** An issue read with `expand=transitions`: the transitions open to InScope's user from its current status. */
export interface JiraIssueWithTransitions extends JiraIssue {
  readonly transitions: readonly JiraTransition[];
}
