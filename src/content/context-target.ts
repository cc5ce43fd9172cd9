// The element the reader last right-clicked in this page, for the element picker chosen from the right-click menu
// (Chromium has no menus.getTargetElement): taken once, held weakly, and forgotten at the next press of a button.
import { fromReader } from "../session/element";

export interface ContextTarget {
  /** The element right-clicked since the last press, if it is still in the page; forgotten once taken. */
  take(): Element | undefined;
}

export function rememberContextTarget(win: Window, isTrusted?: (event: Event) => boolean): ContextTarget {
  let last: WeakRef<Element> | undefined;
  // A press starts every right-click: what an older one pointed at is gone even when the page swallows the new menu.
  const forget = fromReader(isTrusted, () => (last = undefined));
  const remember = fromReader(isTrusted, (event: MouseEvent) => {
    // The innermost element, inside open shadow roots too (the event is retargeted to their host out here).
    const target = event.composedPath()[0] as Node | undefined;
    last = target?.nodeType === 1 ? new WeakRef(target as Element) : undefined;
  });
  win.addEventListener("mousedown", forget, { capture: true });
  win.addEventListener("contextmenu", remember as EventListener, { capture: true });
  return {
    take() {
      const element = last?.deref();
      last = undefined;
      return element?.isConnected ? element : undefined;
    },
  };
}
