// Whether an event target is a place the user types into: keys pressed there belong to the user, not to Gloss.

export function isEditable(target: EventTarget | null | undefined): boolean {
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
