// Tells a tab showing a PDF in the browser's own viewer (Chromium's, Firefox's pdf.js), which no extension may enter:
// the tab's address is the PDF's, so without this the page read as one Gloss lost its access to.
import type { UserError } from "../shared/messages";

export const PDF_VIEWER: UserError = {
  message: "This is a PDF, shown by your browser's own viewer: Gloss cannot translate it.",
  fix: "Extensions cannot reach into the browser's PDF viewer. If the site also offers the document as a web page, open that one.",
  kind: "pdf-viewer",
};

/** Whether the address names a PDF file (its path ends in .pdf): the viewer shows it at that address. */
export function namesPdf(url: string | undefined): boolean {
  try {
    return !!url && /\.pdf$/i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}
