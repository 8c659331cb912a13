// The ZAF adapter: the one file that touches `window.ZAFClient`. It waits for `app.registered`, reads
// the ticket, the agent and the settings, mounts the helpdesk-neutral panel, refreshes it when the
// ticket's fields, status or comments change, and keeps the iframe as tall as the panel.
import { toPanelLocale } from '../../shared/labels.js';
import { mountPanel, type MountedPanel } from '../../shared/mount-panel.js';
import type { SidebarHost } from '../../shared/sidebar-data.js';
import { createZendeskSidebarApi } from './create-zendesk-sidebar-api.js';
import type { ZafClient, ZafGlobal } from './zaf-client.js';

export interface BootOptions {
  /** The agent's date, YYYY-MM-DD; defaults to today in the browser's time zone. */
  readonly today?: string;
  /** Ticket events often arrive in bursts (a save changes status, fields and comments): coalesce them. */
  readonly refreshDelayMs?: number;
}

export const MARK_REGISTERED = 'inscope:app-registered';
export const MARK_RENDERED = 'inscope:verdict-rendered';

/** Ticket sidebar change events (developer.zendesk.com/api-reference/apps/apps-support-api/ticket_sidebar, "Ticket change events"). */
const FIXED_EVENTS = ['ticket.status.changed', 'ticket.comments.changed'];

function localToday(): string {
  // sv-SE formats dates as YYYY-MM-DD, in the browser's own time zone.
  return new Date().toLocaleDateString('sv-SE');
}

/** Plain text → the small HTML the rich-text editor keeps: paragraphs and line breaks, everything escaped. */
export function toEditorHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function createHost(client: ZafClient): SidebarHost {
  return {
    async insertReply(text) {
      // The message is for the customer: switch the editor to a public reply (the Comment object's `type`).
      await client.set('comment.type', 'publicReply').catch(() => undefined);
      try {
        await client.invoke('ticket.editor.insert', toEditorHtml(text));
      } catch {
        await client.set('comment.text', text);
      }
    },
  };
}

function watchHeight(client: ZafClient, root: Element): void {
  let last = 0;
  const resize = () => {
    const height = Math.ceil(root.getBoundingClientRect().height) + 8;
    if (height === last) return;
    last = height;
    void client.invoke('resize', { width: '100%', height: `${height}px` }).catch(() => undefined);
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(resize).observe(root);
  resize();
}

async function start(client: ZafClient, root: Element, options: BootOptions): Promise<MountedPanel> {
  const [context, metadata] = await Promise.all([
    client.get(['ticket.id', 'currentUser.id', 'currentUser.email', 'currentUser.locale', 'ticketFields']),
    client.metadata(),
  ]);
  const connectorUrl = String(metadata.settings['connectorUrl'] ?? '');
  const api = createZendeskSidebarApi(client, {
    connectorUrl,
    ticketId: String(context['ticket.id']),
    claims: { sub: String(context['currentUser.id'] ?? ''), email: context['currentUser.email'] ?? null },
  });
  const locale = toPanelLocale(context['currentUser.locale'] as string | undefined);
  document.documentElement.lang = locale;
  const panel = mountPanel(root, {
    api,
    host: createHost(client),
    locale,
    today: options.today ?? localToday(),
    onReady: () => performance.mark(MARK_RENDERED),
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(() => panel.refresh(), options.refreshDelayMs ?? 250);
  };
  const fields = Array.isArray(context['ticketFields']) ? (context['ticketFields'] as { name?: unknown }[]) : [];
  const customFieldEvents = fields.map((f) => String(f.name ?? '')).filter((name) => /^custom_field_\d+$/.test(name)).map((name) => `ticket.${name}.changed`);
  for (const event of [...FIXED_EVENTS, ...customFieldEvents]) client.on(event, refresh);
  watchHeight(client, root);
  return panel;
}

/** Starts the sidebar in `root`; resolves with the mounted panel once the app is registered. */
export function bootZendeskSidebar(root: Element, options: BootOptions = {}): Promise<MountedPanel> {
  const zaf = (window as unknown as { ZAFClient?: ZafGlobal }).ZAFClient;
  if (!zaf) {
    root.textContent = 'InScope runs inside Zendesk: the ZAF SDK is not loaded.';
    return Promise.reject(new Error('window.ZAFClient is missing'));
  }
  const client = zaf.init();
  return new Promise((resolve, reject) => {
    client.on('app.registered', () => {
      performance.mark(MARK_REGISTERED);
      start(client, root, options).then(resolve, reject);
    });
  });
}
