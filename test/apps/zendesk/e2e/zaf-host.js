/* global URLSearchParams */
// The harness page's side of ZAF: what Zendesk's agent interface answers to a sidebar app. `request`
// goes to the harness server's /proxy, which plays Zendesk's proxy (fills the secure setting, signs
// the JWT, forwards to the connector), so the page never holds the app secret.
(() => {
  const params = new URLSearchParams(window.location.search);
  const host = {
    calls: [],
    editor: null,
    createClient() {
      const handlers = {};
      const record = (kind, args) => host.calls.push({ kind, args });
      const client = {
        on(event, handler) {
          (handlers[event] = handlers[event] || []).push(handler);
          // Zendesk fires app.registered once the handshake with the iframe is done.
          if (event === 'app.registered') setTimeout(() => handler({ context: { location: 'ticket_sidebar' } }), 0);
        },
        trigger(event, data) {
          for (const handler of handlers[event] || []) handler(data);
        },
        async get(paths) {
          const values = {
            'ticket.id': Number(params.get('ticket')),
            'currentUser.id': 17,
            'currentUser.email': 'manager@veldhuis-software.nl',
            'currentUser.locale': params.get('locale') || 'en-US',
            ticketFields: [{ name: 'custom_field_360001000001' }, { name: 'status' }],
          };
          return Object.fromEntries([].concat(paths).map((p) => [p, values[p]]));
        },
        async set(path, value) {
          record('set', [path, value]);
          if (path === 'comment.text') host.editor = value;
          return { [path]: value };
        },
        async invoke(name, ...args) {
          record('invoke', [name, ...args]);
          if (name === 'ticket.editor.insert') host.editor = args[0];
          if (name === 'resize') document.getElementById('sidebar').style.height = args[0].height;
        },
        async metadata() {
          return { appId: 1, installationId: 1, settings: { connectorUrl: params.get('connector') } };
        },
        async request(options) {
          record('request', [options.type, options.url]);
          const res = await fetch('/proxy', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options) });
          const answer = await res.json();
          if (answer.status >= 200 && answer.status < 300) return JSON.parse(answer.body);
          throw { status: answer.status, statusText: 'error', responseText: answer.body };
        },
      };
      host.client = client;
      return client;
    },
  };
  window.zafHost = host;
  document.getElementById('sidebar').src = `/assets/iframe.html?origin=${encodeURIComponent(window.location.origin)}&app_guid=harness`;
})();
