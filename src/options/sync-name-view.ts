// The options page's "This browser's name": what the reader's other browsers call this one when its settings are too
// large to sync; renamed when the field changes (Enter or leaving it), back to the made name when emptied.
import { call } from "../extension/send";
import { messageOf } from "../shared/settings-backup";

/**
 * Sets up the field. A rename that did not take is said next to it, as the form's errors are (the field keeps what
 * was typed, to try again with Enter), not in the sync status, whose own problem (settings too large) must stay.
 */
export function setUpSyncName(): void {
  const field = document.getElementById("sync-name") as HTMLInputElement;
  const error = document.getElementById("sync-name-error") as HTMLElement;
  const mark = (message: string) => {
    error.textContent = message;
    field.setAttribute("aria-invalid", String(!!message));
  };
  /** The name as stored: a field that differs holds a rename not made yet. */
  let stored = "";
  const show = ({ name, made }: { name: string; made: string }) => {
    field.value = stored = name;
    field.placeholder = made;
    mark("");
  };
  const ask = (request: { name?: string }) =>
    call("syncName", request).then(show, (failure: unknown) =>
      mark(`This browser's name was not changed: ${messageOf(failure)}`),
    );
  field.addEventListener("change", () => void ask({ name: field.value }));
  // The rename goes as the field is left, which closing the tab or reloading does not do: asked first, as the form's
  // unsaved changes are.
  window.addEventListener("beforeunload", (event) => {
    if (field.value !== stored) event.preventDefault();
  });
  void ask({});
}
