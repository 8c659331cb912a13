// The world behind the loopback Jira double (fake-jira.ts): issues with their fields, issue
// properties, JSM comments (with the files a request attachment brought) and the temporary files
// uploaded to a service desk. Every write moves the issue's `updated` forward, strictly, the way a
// real issue's version only grows.

export interface FakeJiraIssue {
  readonly id?: string | undefined;
  readonly key: string;
  readonly fields: Record<string, unknown>;
}

export interface FakeJiraComment {
  readonly id: string;
  readonly body: string;
  readonly public: boolean;
  /** Epoch milliseconds, Jira's clock. */
  readonly created: number;
  readonly authorId: string;
  /** File names of the request attachment that made this comment. */
  readonly attachments: readonly string[];
}

export interface FakeJiraTransition {
  readonly id: string;
  readonly name: string;
  readonly to: { readonly id: string; readonly name: string; readonly statusCategory: { readonly key: string } };
}

/** A JSM-style workflow: New, Approved, Resolved and a Done-category Declined. */
export const FAKE_JIRA_TRANSITIONS: readonly FakeJiraTransition[] = [
  { id: '11', name: 'Mark as new', to: { id: '10019', name: 'New', statusCategory: { key: 'new' } } },
  { id: '21', name: 'Approve', to: { id: '10020', name: 'Approved', statusCategory: { key: 'indeterminate' } } },
  { id: '31', name: 'Resolve', to: { id: '10030', name: 'Resolved', statusCategory: { key: 'done' } } },
  { id: '41', name: 'Decline', to: { id: '10040', name: 'Declined', statusCategory: { key: 'done' } } },
];

/** `2026-11-27T10:00:00.000+0000`, the way Jira writes instants. */
export const jiraTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

export type FakeJiraState = ReturnType<typeof createFakeJiraState>;

export function createFakeJiraState(issues: readonly FakeJiraIssue[], now: () => number, botAccountId: string) {
  const byKey = new Map<string, { id?: string | undefined; key: string; fields: Record<string, unknown>; properties: Record<string, unknown>; comments: FakeJiraComment[] }>();
  const temporary = new Map<string, string>();
  let lastWrite = 0;
  let sequence = 0;

  function load(list: readonly FakeJiraIssue[]): void {
    byKey.clear();
    temporary.clear();
    for (const issue of list) byKey.set(issue.key, { ...issue, fields: structuredClone(issue.fields), properties: {}, comments: [] });
  }
  load(issues);

  /** A write's instant: never equal to or before the last one, so `updated` always moves. */
  function stamp(key: string): number {
    lastWrite = Math.max(now(), lastWrite + 1);
    const issue = byKey.get(key)!;
    issue.fields['updated'] = jiraTime(lastWrite);
    return lastWrite;
  }

  function addComment(key: string, body: string, isPublic: boolean, attachments: readonly string[] = []): FakeJiraComment {
    const created = stamp(key);
    const comment = { id: String(40_000 + ++sequence), body, public: isPublic, created, authorId: botAccountId, attachments };
    byKey.get(key)!.comments.push(comment);
    return comment;
  }

  /** Transitions offered from the issue's status: none to the status it is in. */
  function transitions(key: string): FakeJiraTransition[] {
    const status = (byKey.get(key)?.fields['status'] as { name?: string } | undefined)?.name;
    return FAKE_JIRA_TRANSITIONS.filter((t) => t.to.name !== status);
  }

  return {
    load,
    transitions,
    has: (key: string) => byKey.has(key),
    issue: (key: string) => byKey.get(key),
    comments: (key: string): readonly FakeJiraComment[] => byKey.get(key)?.comments ?? [],
    edit(key: string, body: { fields?: Record<string, unknown>; update?: { labels?: { add?: string; remove?: string }[] }; properties?: { key: string; value: unknown }[] }): void {
      const issue = byKey.get(key)!;
      Object.assign(issue.fields, body.fields ?? {});
      for (const op of body.update?.labels ?? []) {
        const labels = (issue.fields['labels'] as string[] | undefined) ?? [];
        issue.fields['labels'] = op.add ? (labels.includes(op.add) ? labels : [...labels, op.add]) : labels.filter((l) => l !== op.remove);
      }
      for (const p of body.properties ?? []) issue.properties[p.key] = structuredClone(p.value);
      stamp(key);
    },
    transition(key: string, transitionId: string, properties: readonly { key: string; value: unknown }[] = []): boolean {
      const to = transitions(key).find((t) => t.id === transitionId)?.to;
      if (!to) return false;
      const issue = byKey.get(key)!;
      issue.fields['status'] = { id: to.id, name: to.name, statusCategory: to.statusCategory };
      for (const p of properties) issue.properties[p.key] = structuredClone(p.value);
      stamp(key);
      return true;
    },
    setProperty(key: string, propertyKey: string, value: unknown): void {
      byKey.get(key)!.properties[propertyKey] = structuredClone(value);
    },
    addComment,
    upload(filename: string): string {
      const id = `temp-${++sequence}`;
      temporary.set(id, filename);
      return id;
    },
    /** Turns temporary files into request attachments with their comment; null when an id is unknown. */
    attach(key: string, temporaryIds: readonly string[], isPublic: boolean, body: string): FakeJiraComment | null {
      const names = temporaryIds.map((id) => temporary.get(id));
      if (names.some((n) => n === undefined)) return null;
      for (const id of temporaryIds) temporary.delete(id);
      const issue = byKey.get(key)!;
      const existing = (issue.fields['attachment'] as unknown[] | undefined) ?? [];
      issue.fields['attachment'] = [...existing, ...names.map((filename) => ({ id: String(10_000 + ++sequence), filename, mimeType: 'application/pdf', size: 1 }))];
      return addComment(key, body, isPublic, names as string[]);
    },
  };
}
