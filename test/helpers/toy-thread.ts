// An English thread where one comment, and a one-line reply to it, are German: the texts and a toy detector for the
// tests of replies judged by the comment they answer.

/** A toy detector: sure only where the text has common words of one language, as detectors are on short text. */
export function toyDetectLang(text: string): string | undefined {
  const english = text.match(/\b(the|and|is|with|this|it)\b/gi)?.length ?? 0;
  const german = text.match(/\b(der|die|das|und|ist|mit|nicht|ich)\b/gi)?.length ?? 0;
  if (english === german) return undefined;
  return english > german ? "en" : "de";
}

export const ENGLISH_POST =
  "Since the timetable change the regional express only runs every hour and the connections in Cologne are gone.";
export const ENGLISH_COMMENT =
  "I had the same problem in Cologne last winter, my train was cancelled twice in one week.";
export const GERMAN_COMMENT =
  "Das ist bei uns genauso, ich stehe jeden Morgen eine halbe Stunde am Bahnsteig und warte auf den Anschluss.";
/** A one-liner no detector is sure of: the comment it answers decides. */
export const REPLY = "Bei mir leider genauso, seit gestern.";
