// The status card on a page that shows a modal <dialog> or an element in fullscreen: both are in the browser's top
// layer, drawn above any z-index, and a modal dialog makes the rest of the page inert. jsdom has no top layer: these
// tests check where the card's host is put, and that the keyboard stays where the reader had it.
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

afterEach(() => {
  setFullscreen(null);
  document.body.replaceChildren();
});

describe("the status card over the page's top layer", () => {
  it("shows inside a modal dialog (the rest of the page is inert and under it), leaves the focus in it, and goes back under <html> when it closes", () => {
    const dialog = modalDialog();
    const ok = dialog.querySelector("button")!;
    ok.focus();
    const { panel, home } = errorCard();
    expect(home()).toBe(dialog);
    expect(document.activeElement).toBe(ok);
    dialog.removeAttribute("open");
    dialog.dispatchEvent(new Event("close"));
    expect(home()).toBe(document.documentElement);
    panel.hide();
  });

  it("shows inside the element in fullscreen, and goes back under <html> when fullscreen ends", () => {
    const reader = document.body.appendChild(document.createElement("article"));
    setFullscreen(reader);
    const { panel, home } = errorCard();
    expect(home()).toBe(reader);
    setFullscreen(null);
    expect(home()).toBe(document.documentElement);
    panel.hide();
  });

  it("stays under <html> when a video is in fullscreen (it cannot show what is put in it)", () => {
    const video = document.body.appendChild(document.createElement("video"));
    setFullscreen(video);
    const { panel, home } = errorCard();
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
