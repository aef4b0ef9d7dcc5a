/** Escapes text for HTML content and quoted attribute values alike (also valid XML, so SVG text too). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
