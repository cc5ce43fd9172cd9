// The status card on a page that shows a modal <dialog> or an element in fullscreen: both are in the browser's top
// layer, drawn above any z-index, and a modal dialog makes the rest of the page inert; so are the page's popovers.
// jsdom has no top layer: these tests check where the card's host is put, whether it is shown in the top layer after
// the page's (a stand-in Popover API), and that the keyboard stays where the reader had it.
import type { ContentReport } from "../../src/shared/messages";
import { statusCard } from "../helpers/in-page-ui";

const failed: ContentReport = {
  status: "error",
  progress: { total: 3, done: 0, failed: 0 },
  error: { message: "Gloss cannot reach your server.", fix: "Start llama-server." },
};

/** A dialog shown as modal (jsdom has no showModal, nor :modal). */
function modalDialog(): HTMLDialogElement {
  const dialog = document.createElement("dialog");
  dialog.setAttribute("open", "");
  const matches = dialog.matches.bind(dialog);
  Object.defineProperty(dialog, "matches", {
    value: (selector: string) => (selector === ":modal" ? dialog.open : matches(selector)),
  });
  dialog.append(Object.assign(document.createElement("button"), { textContent: "OK" }));
  document.body.append(dialog);
  return dialog;
}

function setFullscreen(element: Element | null): void {
  Object.defineProperty(document, "fullscreenElement", { value: element, configurable: true });
  document.dispatchEvent(new Event("fullscreenchange"));
}

/** A status card showing an error, and where its host is now. */
function errorCard(options: Parameters<typeof statusCard>[0] = {}) {
  const { panel, root } = statusCard(options);
  panel.show(failed);
  return { panel, host: root().host, home: () => root().host.parentElement };
}

/** The page's changes seen (a dialog closing removes its `open` attribute, which is watched). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  setFullscreen(null);
  document.body.replaceChildren();
});

describe("the status card over the page's top layer", () => {
  it("shows inside a modal dialog (the rest of the page is inert and under it), leaves the focus in it, and goes back under <html> when it closes", async () => {
    const dialog = modalDialog();
    const ok = dialog.querySelector("button")!;
    ok.focus();
    const { panel, home } = errorCard();
    expect(home()).toBe(dialog);
    expect(document.activeElement).toBe(ok);
    dialog.removeAttribute("open");
    dialog.dispatchEvent(new Event("close"));
    await settled();
    expect(home()).toBe(document.documentElement);
    panel.hide();
  });

  it("a dialog that drops what it does not know (a framework re-rendering it) does not block the card: it goes under <html>", async () => {
    const dialog = modalDialog();
    const blocked: string[] = [];
    const { panel, host } = errorCard({ onBlocked: (reason) => void blocked.push(reason) });
    host.remove();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(blocked).toEqual([]);
    expect(host.parentElement).toBe(document.documentElement);
    expect(dialog.contains(host)).toBe(false);
    panel.hide();
  });
});

/** The browser's top layer as the Popover API leaves it, last shown on top (jsdom has no Popover API). */
function stubPopovers(): Element[] {
  const layer: Element[] = [];
  const hide = (element: Element) => layer.includes(element) && layer.splice(layer.indexOf(element), 1);
  Object.assign(HTMLElement.prototype, {
    showPopover(this: HTMLElement) {
      if (!layer.includes(this)) layer.push(this);
    },
    hidePopover(this: HTMLElement) {
      hide(this);
    },
  });
  return layer;
}

/** A page's element entering or leaving the top layer tells so by a toggle event (not composed, not bubbling). */
function toggled(element: Element, newState: "open" | "closed"): void {
  element.dispatchEvent(Object.assign(new Event("toggle"), { newState, oldState: "" }));
}

describe("the status card in the top layer itself", () => {
  let layer: Element[];
  beforeEach(() => (layer = stubPopovers()));
  afterEach(() => {
    delete (HTMLElement.prototype as Partial<HTMLElement>).showPopover;
    delete (HTMLElement.prototype as Partial<HTMLElement>).hidePopover;
  });

  it("is shown over a modal dialog as its own layer, so a dialog with a transform, overflow: hidden or a small size does not clip it", () => {
    const dialog = modalDialog();
    dialog.style.transform = "scale(1)";
    dialog.style.overflow = "hidden";
    const { panel, host, home } = errorCard();
    expect(home()).toBe(dialog);
    expect(layer.at(-1)).toBe(host);
    panel.hide();
    // Taken out of the page, a popover leaves the top layer with it.
    expect(host.isConnected).toBe(false);
  });

  it("comes back over a popover the page opens while the card shows; before, a bare element for the page to find", () => {
    const { panel, host } = errorCard();
    // Nothing of the page's in the top layer: the host is no popover, and has no attribute a page could look for.
    expect(layer).toEqual([]);
    expect(host.getAttributeNames()).toEqual([]);
    const menu = document.body.appendChild(document.createElement("div"));
    menu.showPopover();
    toggled(menu, "open");
    expect(layer.indexOf(host)).toBeGreaterThan(layer.indexOf(menu));
    panel.hide();
  });

  it("leaves the keyboard on the card when a popover opens meanwhile (hiding the card's layer would hand it back to the page)", () => {
    const { panel, root } = statusCard();
    panel.show(failed);
    panel.focus();
    const menu = document.body.appendChild(document.createElement("div"));
    menu.showPopover();
    toggled(menu, "open");
    expect(layer.at(-1)).toBe(menu);
    expect(root().activeElement?.textContent).toBe("×");
    panel.hide();
  });

  it("comes back over that popover once the keyboard leaves the card, and only then, not at each focus move after", () => {
    const { panel, root } = statusCard();
    panel.show(failed);
    panel.focus();
    const host = root().host;
    const menu = document.body.appendChild(document.createElement("div"));
    menu.showPopover();
    toggled(menu, "open");
    expect(layer.at(-1)).toBe(menu);
    const [first, second] = ["#a", "#b"].map((href) =>
      document.body.appendChild(Object.assign(document.createElement("a"), { href })),
    );
    first!.focus();
    expect(layer.at(-1)).toBe(host);
    const hidden = jest.spyOn(HTMLElement.prototype, "hidePopover");
    second!.focus();
    expect(hidden).not.toHaveBeenCalled();
    hidden.mockRestore();
    panel.hide();
  });

  it("is not shown again at each focus move in the page (each hides and shows it, which the page hears)", () => {
    const { panel, host } = errorCard();
    const menu = document.body.appendChild(document.createElement("div"));
    menu.showPopover();
    const link = document.body.appendChild(Object.assign(document.createElement("a"), { href: "#" }));
    link.focus();
    expect(layer.at(-1)).toBe(menu);
    expect(host.isConnected).toBe(true);
    panel.hide();
  });

  // Fullscreen leaves the rest of the page usable: over it is enough, and the card is not put in the element, which
  // may be a video (drawn without its children) or clip it.
  it("comes back over the element in fullscreen, a video's too, when fullscreen begins", () => {
    const { panel, host, home } = errorCard();
    for (const tag of ["article", "video"]) {
      const element = document.body.appendChild(document.createElement(tag));
      element.showPopover(); // what the browser does to an element in fullscreen, in this stand-in
      setFullscreen(element);
      expect(layer.at(-1)).toBe(host);
      expect(home()).toBe(document.documentElement);
      setFullscreen(null);
    }
    panel.hide();
  });

  it("follows modal dialogs opened in turn while it shows, and comes back to its place when they close", async () => {
    const { panel, host, home } = errorCard();
    const first = modalDialog();
    toggled(first, "open");
    expect(home()).toBe(first);
    const second = modalDialog();
    toggled(second, "open");
    expect(home()).toBe(second);
    expect(layer.at(-1)).toBe(host);
    second.removeAttribute("open");
    second.dispatchEvent(new Event("close"));
    await settled();
    expect(home()).toBe(first);
    first.removeAttribute("open");
    first.dispatchEvent(new Event("close"));
    await settled();
    expect(home()).toBe(document.documentElement);
    expect(layer.at(-1)).toBe(host);
    panel.hide();
  });
});

describe("the status card and a modal dialog inside a component (an open shadow root)", () => {
  /** A component whose modal dialog, when shown, has the focus on its button, as showModal leaves it. */
  function componentDialog() {
    const component = document.body.appendChild(document.createElement("photo-lightbox"));
    const shadow = component.attachShadow({ mode: "open" });
    const dialog = modalDialog();
    shadow.append(dialog);
    const ok = dialog.querySelector("button")!;
    return {
      dialog,
      open() {
        dialog.setAttribute("open", "");
        ok.focus();
        dialog.dispatchEvent(Object.assign(new Event("toggle"), { newState: "open" })); // not composed: not seen outside
      },
      close() {
        dialog.removeAttribute("open");
        ok.blur();
        dialog.dispatchEvent(new Event("close"));
      },
    };
  }

  it("shows inside the component's modal dialog, the only part of the page that is not inert", () => {
    const lightbox = componentDialog();
    lightbox.open();
    const { panel, home } = errorCard();
    expect(home()).toBe(lightbox.dialog);
    panel.hide();
  });

  it("follows the component's dialog opened while it shows, and comes back under <html> when it closes", async () => {
    const lightbox = componentDialog();
    lightbox.dialog.removeAttribute("open");
    const { panel, home } = errorCard();
    expect(home()).toBe(document.documentElement);
    lightbox.open();
    expect(home()).toBe(lightbox.dialog);
    lightbox.close();
    await settled();
    expect(home()).toBe(document.documentElement);
    panel.hide();
  });
});
