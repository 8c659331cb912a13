// Text for the server-rendered pages (status page, tenant index, budget report): the five
// characters that could end an element or an attribute, escaped; null and undefined as nothing.
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
