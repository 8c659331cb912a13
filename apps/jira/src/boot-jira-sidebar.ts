// The Forge adapter: reads the issue from the view context, mounts the helpdesk-neutral panel with
// a SidebarApi over Forge Remote, and reloads it when Jira says the issue changed.
import { toPanelLocale } from '../../shared/labels.js';
import { mountPanel, type MountedPanel } from '../../shared/mount-panel.js';
import type { SidebarHost } from '../../shared/sidebar-data.js';
import { createJiraSidebarApi } from './create-jira-sidebar-api.js';
import type { ForgeBridge } from './forge-bridge.js';

export interface BootOptions {
  /** The agent's date, YYYY-MM-DD; defaults to today in the browser's time zone. */
  readonly today?: string;
  readonly refreshDelayMs?: number;
}

export const MARK_CONTEXT = 'inscope:forge-context';
export const MARK_RENDERED = 'inscope:verdict-rendered';
/**
 * Issue view modules get this event when the issue is updated or commented on (the Forge successor
 * of Connect's ISSUE_CHANGED; the event name is *unconfirmed* for Custom UI): reload on it.
 */
export const ISSUE_CHANGED_EVENT = 'JIRA_ISSUE_CHANGED';

/**
 * A Forge panel has no API to write into Jira's comment editor: rejecting makes the panel show the
 * prepared message in a read-only box for the agent to copy (sidebar-panel.ts, request-info).
 */
const host: SidebarHost = {
  insertReply: () => Promise.reject(new Error('Jira issue panels cannot write into the comment editor')),
};

export async function bootJiraSidebar(root: Element, bridge: ForgeBridge, options: BootOptions = {}): Promise<MountedPanel> {
  const context = await bridge.view.getContext();
  performance.mark(MARK_CONTEXT);
  const issue = context.extension?.issue;
  // The connector's Jira adapter keys tickets by issue key (the webhook's issue.key).
  const issueKey = typeof issue?.key === 'string' ? issue.key : '';
  if (!issueKey) {
    root.textContent = 'InScope runs in the Jira issue view: this page has no issue.';
    throw new Error('the Forge context has no extension.issue.key');
  }
  // Forge locales use an underscore (nl_NL).
  const locale = toPanelLocale(context.locale?.replace('_', '-'));
  document.documentElement.lang = locale;
  const panel = mountPanel(root, {
    api: createJiraSidebarApi(bridge, issueKey),
    host,
    locale,
    today: options.today ?? new Date().toLocaleDateString('sv-SE'),
    onReady: () => performance.mark(MARK_RENDERED),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => panel.refresh(), options.refreshDelayMs ?? 250);
  };
  await bridge.events?.on(ISSUE_CHANGED_EVENT, refresh).catch(() => undefined);
  return panel;
}
