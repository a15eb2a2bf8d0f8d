// Helpers for single-key shortcuts that must not fire while the user is typing in a field.

/** True when the event comes from a text field, select or editable element. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== "string") return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select") return true;
  if (tag === "input") {
    const type = ((el as HTMLInputElement).type || "text").toLowerCase();
    return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(type);
  }
  return false;
}

/** True when the event target is something Enter/Space already activates (button, link, ...). */
export function isActivatableTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== "string") return false;
  const tag = (target as HTMLElement).tagName.toLowerCase();
  return tag === "button" || tag === "a" || tag === "input" || tag === "summary";
}

export function hasModifier(e: KeyboardEvent): boolean {
  return e.ctrlKey || e.metaKey || e.altKey;
}
