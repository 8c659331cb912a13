// Mounts the panel into a DOM element and hands back a refresh handle for the helpdesk adapter.
import { h, render } from 'preact';
import { SidebarPanel, type SidebarPanelProps } from './sidebar-panel.js';

export interface MountedPanel {
  refresh(): void;
  unmount(): void;
}

export function mountPanel(root: Element, props: Omit<SidebarPanelProps, 'refreshToken'>): MountedPanel {
  let token = 0;
  const draw = () => render(h(SidebarPanel, { ...props, refreshToken: token }), root);
  draw();
  return {
    refresh() {
      token += 1;
      draw();
    },
    unmount: () => render(null, root),
  };
}
