// The options page and the popup as a reader sees them in a narrow window (or at 200% zoom), with the keyboard, and in
// forced colours (high contrast): real layout and media queries, which jsdom has none of.
import type { Page } from "playwright-core";
import { launchWithExtension, openOptions, openPopup, tabIdOf, type ExtensionBrowser } from "./chromium";

jest.setTimeout(120_000);

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
});

/** What sticks out past the window's right edge: nothing, when no sideways scrolling is needed. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll<HTMLElement>("main *")]
      .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > width + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}`);
  });
}

describe("options page, narrow", () => {
  it.each([320, 640, 760])(
    "needs no sideways scrolling at %i px wide, with glossary terms, parts left untranslated and each server type",
    async (width) => {
      const options = await openOptions(browser);
      await options.setViewportSize({ width, height: 700 });
      await options.getByRole("button", { name: "Add a term" }).click();
      await options.getByRole("button", { name: "Add a term" }).click();
      await options.getByRole("button", { name: "Add a part" }).click();
      await options.getByRole("textbox", { name: "Part (CSS selector)" }).fill("#siteTable > .thing .tagline .flair");
      for (const preset of ["llama-server", "ollama", "lmstudio", "custom"]) {
        await options.getByLabel("Server type").selectOption(preset);
        expect(await overflowing(options)).toEqual([]);
      }
      // Each field's column heading stays in sight: over the column, or over the field once the fields stack.
      const term = options.getByRole("textbox", { name: "Term" }).first();
      const above = await term.evaluate((input) => getComputedStyle(input.parentElement!, "::before").content);
      const column = await options.getByRole("columnheader", { name: "Term" }).isVisible();
      expect(column || above.includes("Term")).toBe(true);
      await options.close();
    },
  );

  it("scrolls a field reached with Tab clear of the sticky Save bar", async () => {
    const options = await openOptions(browser);
    await options.setViewportSize({ width: 640, height: 450 });
    await options.getByLabel("Server type").waitFor();
    const hidden: string[] = [];
    for (let i = 0; i < 30; i++) {
      await options.keyboard.press("Tab");
      const covered = await options.evaluate(() => {
        const focused = document.activeElement as HTMLElement;
        if (focused === document.body || focused.closest(".save-bar")) return undefined;
        const box = focused.getBoundingClientRect();
        const bar = (document.querySelector(".save-bar") as HTMLElement).getBoundingClientRect();
        return box.bottom > bar.top && box.top < bar.bottom ? focused.id || focused.tagName : undefined;
      });
      if (covered) hidden.push(covered);
    }
    expect(hidden).toEqual([]);
    await options.close();
  });
});

describe("options page, checkboxes", () => {
  it.each([900, 320])(
    "puts each checkbox beside its label and its hint under the label, at %i px wide",
    async (width) => {
      const options = await openOptions(browser);
      await options.setViewportSize({ width, height: 700 });
      // Where each label and hint starts against its checkbox: a hint in the checkbox's column pushed the label off to
      // the right, a word a line ("Translate / a / paragraph / by / pointing…").
      const misplaced = await options.evaluate(() =>
        [...document.querySelectorAll<HTMLInputElement>("main input[type=checkbox]")]
          .filter((box) => box.getClientRects().length)
          .flatMap((box) => {
            const label = document.querySelector(`label[for="${box.id}"]`)!.getBoundingClientRect();
            const at = box.getBoundingClientRect();
            // A hint in the checkbox's field (not one of the section's paragraphs) belongs under its label.
            const hint = box.parentElement!.querySelector(".hint")?.getBoundingClientRect();
            const beside = label.left > at.right && label.left - at.right < 16 && Math.abs(label.top - at.top) < 12;
            const under = !hint || (Math.abs(hint.left - label.left) < 1 && hint.top >= label.bottom - 1);
            return beside && under ? [] : [box.id];
          }),
      );
      expect(misplaced).toEqual([]);
      await options.close();
    },
  );
});

describe("options page, sections", () => {
  it("leaves room between a section's introduction and the first field or button under it", async () => {
    const options = await openOptions(browser);
    await options.setViewportSize({ width: 900, height: 700 });
    const gaps = await options.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("main section > h2 + .hint")].map((hint) => {
        let next = hint.nextElementSibling as HTMLElement;
        while (!next.getClientRects().length) next = next.nextElementSibling as HTMLElement; // the empty glossary's table
        const gap = next.getBoundingClientRect().top - hint.getBoundingClientRect().bottom;
        return [hint.closest("section")!.getAttribute("aria-labelledby"), Math.round(gap)] as const;
      }),
    );
    expect(gaps.length).toBeGreaterThan(3);
    expect(gaps.filter(([, gap]) => gap < 8)).toEqual([]);
    await options.close();
  });
});

describe("popup, forced colours", () => {
  it("keeps an edge on its main button, which is otherwise painted the page's colour", async () => {
    const page = await openOptions(browser);
    const popup = await openPopup(browser, await tabIdOf(browser, page));
    await popup.emulateMedia({ forcedColors: "active" });
    const edge = await popup.locator("#toggle").evaluate((button) => {
      const style = getComputedStyle(button);
      return { style: style.borderTopStyle, width: parseFloat(style.borderTopWidth), colour: style.borderTopColor };
    });
    expect(edge.style).not.toBe("none");
    expect(edge.width).toBeGreaterThanOrEqual(1);
    expect(edge.colour).not.toMatch(/rgba\(.*, 0\)$|transparent/);
    await popup.close();
    await page.close();
  });
});
