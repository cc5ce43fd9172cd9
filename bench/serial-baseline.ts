// The page benchmark's baseline: the simplest userscript a reader could write. It runs in the page, takes the
// page's text elements top to bottom (paragraphs, headings, list items, quotes, captions, table cells: the
// innermost ones, shown, with letters), and sends each one's raw innerHTML in a plain prompt, one request at a time,
// writing each reply back with innerHTML once it is complete (no streaming, no batching, no cache, no site rules).
import type { Page } from "playwright-core";

export interface BaselineOptions {
  /** The server's chat completions URL. */
  url: string;
  /** The text elements it translates. */
  selector: string;
  sourceLanguage: string;
  targetLanguage: string;
}

/** Starts the serial script in the page; resolves when it has translated every element. */
export function runSerialBaseline(page: Page, options: BaselineOptions): Promise<void> {
  return page.evaluate(async ({ url, selector, sourceLanguage, targetLanguage }) => {
    const elements = [...document.querySelectorAll<HTMLElement>(selector)].filter(
      (el) => el.getClientRects().length > 0 && /\p{L}/u.test(el.textContent ?? "") && !el.querySelector(selector),
    );
    for (const el of elements) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          messages: [
            {
              role: "user",
              content: `Translate the following HTML from ${sourceLanguage} into ${targetLanguage}. Keep the HTML tags. Reply with the translated HTML only.\n\n${el.innerHTML}`,
            },
          ],
          temperature: 0,
        }),
      });
      const reply = (await response.json()) as { choices?: { message?: { content?: string } }[] };
      const html = reply.choices?.[0]?.message?.content;
      // The simplest script writes the model's HTML straight into the page (Gloss never does this).
      if (html) el.innerHTML = html;
    }
  }, options);
}
