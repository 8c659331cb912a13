// Refuses a verified Jira delivery whose signed `timestamp` is too old or too far ahead to be a
// delivery (or a retry of one) that Jira is still making: the replay window.
//
// Jira signs the body but no header with a time in it (verify-jira-signature.ts), so the body's
// `timestamp` (epoch ms of the event, on Atlassian's clock) is the only signed time there is.
// Atlassian's retry policy, announced in "New Jira Cloud Webhook Retry Policy"
// (https://community.developer.atlassian.com/t/new-jira-cloud-webhook-retry-policy/30554, pointing
// at https://developer.atlassian.com/cloud/jira/platform/webhooks/#retry-policy): retries on
// 408/409/425/429/5xx and time-outs, so "webhooks might be delivered later than usually (up to 30
// minutes, subject to change)", and integrations should "check the webhook timestamp".
//
// The window is one hour back: twice Atlassian's stated worst case, so a retry schedule that grows
// a little still gets through; anything older is a replay or a delivery Jira gave up on (a backfill
// recovers those). Five minutes ahead covers clock skew between Atlassian and this host. Within the
// window a replay is stopped by the dedupe on the signed body (jira-delivery.ts), which the store
// keeps for at least a day (Store.pruneDone), far longer than the window.

export const DEFAULT_JIRA_MAX_AGE_MS = 60 * 60_000;
export const DEFAULT_JIRA_MAX_SKEW_MS = 5 * 60_000;

export interface JiraReplayWindow {
  readonly maxAgeMs: number;
  readonly maxSkewMs: number;
}

export type CheckJiraTimestampResult = { readonly ok: true } | { readonly ok: false; readonly reason: 'stale' | 'future'; readonly message: string };

export function checkJiraTimestamp(timestamp: number, now: number, window: JiraReplayWindow): CheckJiraTimestampResult {
  if (timestamp < now - window.maxAgeMs) {
    return { ok: false, reason: 'stale', message: `Signed timestamp is more than ${minutes(window.maxAgeMs)} old: a replay, or a delivery Jira no longer retries` };
  }
  if (timestamp > now + window.maxSkewMs) {
    return { ok: false, reason: 'future', message: `Signed timestamp is more than ${minutes(window.maxSkewMs)} ahead of this host's clock` };
  }
  return { ok: true };
}

function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`;
}
