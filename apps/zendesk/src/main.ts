// Entry point of the iframe page: styles, then the ZAF adapter.
import '../../shared/panel.css';
import { bootZendeskSidebar } from './boot-zendesk-sidebar.js';

const root = document.getElementById('app');
if (root) void bootZendeskSidebar(root).catch((error: unknown) => console.error('InScope sidebar failed to start', error));
