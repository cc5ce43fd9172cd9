// Text inside compact HTML: the three characters that could start or end markup are escaped, nothing else, so
// page text can never forge a placeholder and the model sees as little noise as possible.
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
