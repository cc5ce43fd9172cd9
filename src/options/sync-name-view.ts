// The options page's "This browser's name": what the reader's other browsers call this one when its settings are too
// large to sync; renamed when the field changes (Enter or leaving it), back to the made name when emptied.
import { call } from "../extension/send";
import { messageOf } from "../shared/settings-backup";

/** Sets up the field; `failed` says on the page why a rename did not take. */
export function setUpSyncName(failed: (message: string) => void): void {
  const field = document.getElementById("sync-name") as HTMLInputElement;
  const show = ({ name, made }: { name: string; made: string }) => {
    field.value = name;
    field.placeholder = made;
  };
  const ask = (request: { name?: string }) =>
    call("syncName", request).then(show, (error: unknown) =>
      failed(`This browser's name was not changed: ${messageOf(error)}`),
    );
  field.addEventListener("change", () => void ask({ name: field.value }));
  void ask({});
}
