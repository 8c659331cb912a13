// Per-issue authorisation for the Jira sidebar API. A Forge Invocation Token is valid for every
// issue on the site: what binds it to one is the issue in its signed context, the one the user has
// open. So a request may only name that issue, and only a user (a `principal`) may change anything;
// app-initiated tokens carry no principal (verify-forge-invocation-token.ts) and may only read.
// The module's display conditions (apps/jira/manifest.yml) hide the panel elsewhere, but Forge
// warns they run in the browser and must not be the only check ("Display conditions",
// developer.atlassian.com/platform/forge/manifest-reference/display-conditions/).
import type { ForgeInvocation } from './verify-forge-invocation-token.js';

export type TicketAccess = 'read' | 'write';

export type TicketAuthorization =
  | { readonly ok: true; readonly actor: string }
  | { readonly ok: false; readonly status: 403; readonly code: string; readonly message: string };

export function authorizeForgeIssue(invocation: ForgeInvocation, issueKey: string, access: TicketAccess): TicketAuthorization {
  if (invocation.issueKey === null || invocation.issueKey !== issueKey) {
    return { ok: false, status: 403, code: 'issue_mismatch', message: 'The token was issued for another issue (or none): the panel may only act on the issue it is open on' };
  }
  if (invocation.principal === null) {
    if (access === 'write') return { ok: false, status: 403, code: 'principal_required', message: 'Actions need a token issued for a user; this one names none' };
    return { ok: true, actor: `forge-app:${invocation.installationId}` };
  }
  return { ok: true, actor: invocation.principal };
}
