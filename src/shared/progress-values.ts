// A progress bar as screen readers get it, the same in the popup, the in-page status card and the progress line:
// "3 of 10 passages" while the passages are counted; before that it has no value (indeterminate), not "0 of 0".
import { passages } from "./outcome-text";

/** Sets `bar`'s ARIA values for `done` of `total`; returns the width of its fill ("30%"). */
export function setProgressValues(bar: Element, done: number, total: number): string {
  const shown = Math.min(done, total);
  bar.setAttribute("aria-valuemin", "0");
  if (total) {
    bar.setAttribute("aria-valuemax", String(total));
    bar.setAttribute("aria-valuenow", String(shown));
    bar.setAttribute("aria-valuetext", `${shown} of ${passages(total)}`);
  } else {
    bar.setAttribute("aria-valuemax", "100");
    bar.removeAttribute("aria-valuenow");
    bar.setAttribute("aria-valuetext", "Starting");
  }
  return `${total ? Math.round((shown / total) * 100) : 0}%`;
}
