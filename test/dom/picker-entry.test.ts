// The extension's picker entry (picker.js) in a page that takes Gloss's overlay out after it showed: the popup has
// closed by then, so the background is told, for the badge and the popup to say why.
import "../helpers/fake-extension"; // the extension API, read as the module loads
import { ext } from "../../src/extension/api";
import type { PickStart } from "../../src/shared/messages";
import "../../src/picker/index";

const runtime = ext.runtime as unknown as { sendMessage: (message: unknown) => Promise<unknown> };

it("tells the background when the page removes the picker it showed", async () => {
  document.body.innerHTML = `<aside class="side"><p>Sidebar</p></aside><main><p>Text</p></main>`;
  const told = new Promise<unknown>((resolve) => {
    runtime.sendMessage = async (message) => {
      resolve(message);
      return { ok: true, value: null };
    };
  });
  const open = (globalThis as { __glossOpenPicker?: (start: PickStart) => unknown }).__glossOpenPicker!;
  expect(open({ fromMenu: false, site: "example.com" })).toBe("shown");
  // The page takes out what Gloss put under <html>.
  document.documentElement.lastElementChild!.remove();
  await expect(told).resolves.toEqual({ name: "pickerTakenOut", request: {} });
});
