// The element picker for a reader who types with an input method (Chinese, Japanese, Korean…): the Enter that takes the
// word composed into a field and the Esc that drops it are the input method's, not the picker's Save or Cancel.
import { startPicker, type Picker, type PickedPart } from "../../src/picker/element-picker";
import { COMPOSING_MARKS, composingKey, ownKey, type ComposingMark } from "../helpers/input-method";

describe.each(COMPOSING_MARKS)(
  "the picker while the reader composes with an input method (%s)",
  (mark: ComposingMark) => {
    let root: ShadowRoot | undefined;
    let picker: Picker | undefined;
    let saved: PickedPart[] = [];
    afterEach(() => picker?.cancel());

    function start(): Picker {
      document.body.innerHTML = `<div class="side"><h1>r/de</h1></div><input class="reply">`;
      saved = [];
      picker = startPicker(document, {
        site: "reddit.com",
        save: async (part) => (saved.push(part), { ok: true, message: "Saved." }),
        startAt: document.querySelector(".side")!,
        verify: (_host, shadow) => Boolean((root = shadow)),
        isTrusted: () => true,
      })!;
      return picker;
    }

    const site = () => root!.getElementById("gloss-site") as HTMLInputElement;
    const panelShown = () => !root!.querySelector<HTMLElement>(".card")!.hidden;
    /** The input method's key while composing, or the reader's own. */
    function press(target: EventTarget, key: string, composing: boolean): void {
      if (composing) composingKey(target, key, mark);
      else ownKey(target, key);
    }
    const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

    it("Enter taking a word into the site field saves nothing; the reader's own Enter then saves", async () => {
      start();
      press(document.body, "Enter", false);
      expect(panelShown()).toBe(true);
      site().focus();
      press(site(), "Enter", true);
      await settled();
      expect(saved).toEqual([]);
      expect(root!.querySelector(".said")!.textContent).toBe("");
      press(site(), "Enter", false);
      await settled();
      expect(saved).toEqual([{ site: "reddit.com", selector: ".side" }]);
    });

    it("Esc dropping the word composed leaves the panel open, with what the reader chose", () => {
      start();
      press(document.body, "Enter", false);
      site().focus();
      press(site(), "Escape", true);
      expect(picker!.active).toBe(true);
      expect(panelShown()).toBe(true);
      press(site(), "Escape", false);
      expect(picker!.active).toBe(false);
    });

    it("while picking, the page's field keeps its input method's Enter and Esc", () => {
      start();
      const reply = document.querySelector<HTMLInputElement>(".reply")!;
      reply.focus();
      press(reply, "Enter", true);
      expect(panelShown()).toBe(false);
      press(reply, "Escape", true);
      expect(picker!.active).toBe(true);
    });
  },
);
