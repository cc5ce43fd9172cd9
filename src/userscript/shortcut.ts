// Alt+T toggles translation, as in the original reddit-translation userscript. Not while typing: in a text field
// the keys belong to the user (on macOS, Option+T types a character).
function isEditable(target: EventTarget | null): boolean {
  if (!target || !(target as Node).nodeType) return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (element as HTMLInputElement).type;
    return !["button", "checkbox", "radio", "reset", "submit", "image", "range", "color", "file"].includes(type);
  }
  return false;
}

export function isToggleShortcut(event: KeyboardEvent): boolean {
  return (
    event.altKey &&
    !event.ctrlKey &&
    !event.metaKey &&
    !event.shiftKey &&
    !event.repeat &&
    (event.code === "KeyT" || event.key.toLowerCase() === "t") &&
    !isEditable(event.composedPath?.()[0] ?? event.target)
  );
}
