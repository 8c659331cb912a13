// Which helpdesk a stored row belongs to. Its own file so that store.ts and proposal-store.ts, which
// both key rows by it, need not import each other.

export type HelpdeskKind = 'zendesk' | 'jira';
