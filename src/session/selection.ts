// What the reader has selected on the page, for "Translate selection" (extension and userscript alike).

/** The selection's non-empty ranges (Firefox keeps one range per selected table cell). */
export function selectedRanges(doc: Document): Range[] {
  const selection = doc.getSelection();
  const ranges: Range[] = [];
  for (let i = 0; i < (selection?.rangeCount ?? 0); i++) {
    const range = selection!.getRangeAt(i);
    if (!range.collapsed) ranges.push(range);
  }
  return ranges;
}
