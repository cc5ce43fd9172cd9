// A small model caught in a loop writes the same words again and again ("the news, the news, the news, …") or its
// whole sentence twice or three times, then goes on to the next marker: within the length a translation may have,
// the page would show the loop. A page's own repetition ("ha ha ha", "Hahahaha", a line written twice) makes the
// check stand aside: a faithful translation repeats it too.

/** The longest repeated stretch looked for: a long sentence. */
const MAX_LENGTH = 240;

/**
 * The first stretch of `text` written again right after itself: three times in a row from `thrice` characters on, twice
 * from `twice` on (case aside); or "". Each length is one pass comparing every character with the one `length` later
 * (a pattern with a back-reference took five times as long as every other check of a reply together).
 */
function repeated(text: string, thrice: number, twice: number): string {
  const s = `${text.replace(/\s+/g, " ").trim()} `.toLowerCase();
  const n = s.length;
  const codes = new Uint16Array(n);
  for (let i = 0; i < n; i++) codes[i] = s.charCodeAt(i);
  for (let length = thrice; length <= Math.min(MAX_LENGTH, n >> 1); length++) {
    // Characters that must match those `length` later: two more copies, or one.
    const need = length >= twice ? length : 2 * length;
    if (length + need > n) continue;
    let run = 0;
    for (let j = 0; j + length < n; j++) {
      if (codes[j] !== codes[j + length]) run = 0;
      else if (++run >= need) {
        const words = s.slice(j - run + 1, j - run + 1 + length);
        if (/\p{L}/u.test(words)) return words.trim();
      }
    }
  }
  return "";
}

/** The words a reply repeats where its source does not, or "". Texts are plain (tags dropped). */
export function replyLoop(sourceText: string, replyText: string): string {
  const words = repeated(replyText, 8, 24);
  return words && !repeated(sourceText, 2, 12) ? words : "";
}
