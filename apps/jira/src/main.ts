// Entry point of the Custom UI page: styles, then the Forge adapter with the real bridge. This is the
// one file that imports @forge/bridge (it needs Atlassian's iframe host, `window.__bridge`, at load).
import { events, invokeRemote, view } from '@forge/bridge';
import '../../shared/panel.css';
import { bootJiraSidebar } from './boot-jira-sidebar.js';
import type { ForgeBridge } from './forge-bridge.js';

const bridge: ForgeBridge = {
  view: { getContext: () => view.getContext() },
  invokeRemote: (input) => invokeRemote({ ...input, headers: input.headers ?? {} }),
  events,
};
const root = document.getElementById('app');
if (root) void bootJiraSidebar(root, bridge).catch((error: unknown) => console.error('InScope sidebar failed to start', error));
