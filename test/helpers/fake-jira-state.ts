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
  readonly hasScreen: boolean;
  /** The screen's fields as `expand=transitions.fields` lists them (field id → metadata). */
  readonly fields: Readonly<Record<string, { readonly operations: readonly string[]; readonly required: boolean; readonly name: string; readonly key: string; readonly schema: unknown }>>;
}

/** The example config's Category select field (examples/coverage.yaml `helpdesks.jira.categoryField`). */
export const FAKE_JIRA_CATEGORY_FIELD = 'customfield_10050';

/** A transition screen with the Category field and Labels, shaped as Get transitions' `transitions.fields` answers. */
const TRIAGE_SCREEN = {
  [FAKE_JIRA_CATEGORY_FIELD]: {
    required: false, name: 'Category', key: FAKE_JIRA_CATEGORY_FIELD, operations: ['set'],
    schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select', customId: 10050 },
  },
  labels: { required: false, name: 'Labels', key: 'labels', operations: ['add', 'set', 'remove'], schema: { type: 'array', items: 'string', system: 'labels' } },
};

/**
 * A JSM-style workflow: New, Approved, Resolved and a Done-category Declined. The transitions InScope
 * takes to New and Approved show a screen with the Category field and Labels (docs/jira-setup.md);
 * Resolve shows Jira's resolve screen, Decline none. `screens: false` is a workflow without screens.
 */
export function fakeJiraTransitions(screens = true): FakeJiraTransition[] {
  const resolution = { resolution: { required: true, name: 'Resolution', key: 'resolution', operations: ['set'], schema: { type: 'resolution', system: 'resolution' } } };
  return [
    { id: '11', name: 'Mark as new', to: { id: '10019', name: 'New', statusCategory: { key: 'new' } }, hasScreen: screens, fields: screens ? TRIAGE_SCREEN : {} },
    { id: '21', name: 'Approve', to: { id: '10020', name: 'Approved', statusCategory: { key: 'indeterminate' } }, hasScreen: screens, fields: screens ? TRIAGE_SCREEN : {} },
    { id: '31', name: 'Resolve', to: { id: '10030', name: 'Resolved', statusCategory: { key: 'done' } }, hasScreen: screens, fields: screens ? resolution : {} },
    { id: '41', name: 'Decline', to: { id: '10040', name: 'Declined', statusCategory: { key: 'done' } }, hasScreen: false, fields: {} },
  ];
}

export const FAKE_JIRA_TRANSITIONS: readonly FakeJiraTransition[] = fakeJiraTransitions();

/** The text of an ADF comment body as the adapter writes it (connectors/jira/to-adf.ts). */
export function adfText(doc: unknown): string {
  const content = (node: unknown): unknown[] => (typeof node === 'object' && node !== null && Array.isArray((node as { content?: unknown }).content) ? (node as { content: unknown[] }).content : []);
  return content(doc)
    .map((p) => content(p).map((n) => ((n as { type?: unknown }).type === 'hardBreak' ? '\n' : String((n as { text?: unknown }).text ?? ''))).join(''))
    .join('\n\n');
}

/** The transition request's body beyond the transition ("Transition issue", IssueUpdateDetails). */
export interface FakeTransitionBody {
  readonly fields?: Record<string, unknown>;
  readonly update?: { readonly labels?: readonly { add?: string; remove?: string }[]; readonly comment?: readonly { add?: { body?: unknown; properties?: readonly { key: string; value: unknown }[] } }[] } & Record<string, unknown>;
  readonly properties?: readonly { key: string; value: unknown }[];
}

/** `2026-11-27T10:00:00.000+0000`, the way Jira writes instants. */
export const jiraTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

export type FakeJiraState = ReturnType<typeof createFakeJiraState>;

export function createFakeJiraState(issues: readonly FakeJiraIssue[], now: () => number, botAccountId: string, workflow: readonly FakeJiraTransition[] = FAKE_JIRA_TRANSITIONS) {
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
    return workflow.filter((t) => t.to.name !== status);
  }

  function applyLabels(issue: { fields: Record<string, unknown> }, ops: readonly { add?: string; remove?: string }[]): void {
    for (const op of ops) {
      const labels = (issue.fields['labels'] as string[] | undefined) ?? [];
      issue.fields['labels'] = op.add ? (labels.includes(op.add) ? labels : [...labels, op.add]) : labels.filter((l) => l !== op.remove);
    }
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
      applyLabels(issue, body.update?.labels ?? []);
      for (const p of body.properties ?? []) issue.properties[p.key] = structuredClone(p.value);
      stamp(key);
    },
    /**
     * Jira's refusal of a transition request's screen fields, before anything changes: a field or an
     * update its screen does not show is a 400 naming the field. Null when the request is acceptable.
     */
    refuseScreenFields(key: string, transitionId: string, body: FakeTransitionBody): Record<string, string> | null {
      const screen = transitions(key).find((t) => t.id === transitionId)?.fields ?? {};
      const names = [...Object.keys(body.fields ?? {}), ...Object.keys(body.update ?? {}).filter((n) => n !== 'comment')];
      const refused = names.filter((n) => !(n in screen));
      return refused.length === 0 ? null : Object.fromEntries(refused.map((n) => [n, `Field '${n}' cannot be set. It is not on the appropriate screen, or unknown.`]));
    },
    /**
     * The transition with what its screen takes: fields, label verbs and a comment (its JSM
     * visibility from `sd.public.comment`, public when absent), one change. A comment on a transition
     * without a screen is not added, the way Jira leaves it out.
     */
    transition(key: string, transitionId: string, body: FakeTransitionBody = {}): boolean {
      const transition = transitions(key).find((t) => t.id === transitionId);
      if (!transition) return false;
      const issue = byKey.get(key)!;
      const to = transition.to;
      issue.fields['status'] = { id: to.id, name: to.name, statusCategory: to.statusCategory };
      Object.assign(issue.fields, body.fields ?? {});
      applyLabels(issue, body.update?.labels ?? []);
      for (const p of body.properties ?? []) issue.properties[p.key] = structuredClone(p.value);
      const created = stamp(key);
      for (const op of transition.hasScreen ? (body.update?.comment ?? []) : []) {
        if (!op.add) continue;
        const visibility = op.add.properties?.find((p) => p.key === 'sd.public.comment')?.value as { internal?: unknown } | undefined;
        issue.comments.push({ id: String(40_000 + ++sequence), body: adfText(op.add.body), public: visibility?.internal !== true, created, authorId: botAccountId, attachments: [] });
      }
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
