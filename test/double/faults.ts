// Misbehaviour on demand. A fault spec is a comma-separated list of fault names, each with optional
// `;`-modifiers: `drop-segment;once`, `refusal;seg=2`, `stall;times=2`. Per request via the `X-Gloss-Fault`
// header, per server via `--fault` / `setFault()` / `POST /__double/fault`.
//   once      apply to the first matching request only (per server and spec), so retry paths can succeed
//   times=N   apply to the first N matching requests
//   seg=N     which segment (1-based marker number) a segment fault hits; default: the 2nd, or the only one

export const CONTENT_FAULTS = [
  "drop-segment", // leave one segment out (alone: misnumber it)
  "duplicate-segment", // write one segment twice, the copy different
  "reorder-segments", // reply segments in reverse order (markers stay correct)
  "chatter", // "Here is the translation:" before the markers and inside one segment
  "code-fence", // reply wrapped in ``` fences, and one segment too
  "think", // a leftover <think>…</think> block inside one segment
  "refusal", // one segment: "I'm sorry, but I can't help with that."
  "echo-source", // one segment comes back untranslated
  "invented-tag", // one segment gains a placeholder that was never issued
  "new-href", // one segment's first placeholder gains an href attribute
  "hostile-html", // one segment gains <img onerror>, <script>, <a href="javascript:…">
  "lose-placeholder", // one segment loses its first placeholder (text kept)
  "empty-segment", // one segment is empty
  "empty-reply", // no content at all (finish_reason stop)
  "wrong-language", // one segment comes back in English whatever the target (tags kept)
  "ignore-glossary", // the reply does not follow the prompt's glossary
] as const;

export const STREAM_FAULTS = [
  "truncate-stream", // the connection is cut mid-stream (no finish chunk, no [DONE])
  "stall", // the stream stops sending mid-way but stays open
  "stream-error", // a data: {"error":…} event mid-stream, then the stream ends
  "finish-length", // generation stops mid-way with finish_reason "length"
  "content-filter", // generation stops mid-way with finish_reason "content_filter" (OpenAI's and Azure's filters)
  "malformed-chunk", // a chunk whose JSON is cut off
  "runaway", // mid-way, 10 MB of repeated words in token-sized pieces (max_tokens ignored), then the rest of the reply
  "babble", // mid-way, repeated words in token-sized pieces forever (never closing the segment) until the client leaves
  "reasoning", // a thinking model: reasons first (reasoning.ts) unless the request turns thinking off
  "reasoning-always", // a model that reasons whatever the request says (gpt-oss, DeepSeek-R1's distills)
  // reasoning in the reply itself, after a <think> the chat template wrote (DeepSeek-R1's distills with
  // --reasoning-format none): only its closing tag is in the reply
  "reasoning-in-reply",
] as const;

export const HTTP_FAULTS = [
  "loading", // the server goes into its loading phase (503 for every route) for --loading-ms
  "unauthorized", // 401 Invalid API Key
  "origin-403", // Ollama's empty 403 for extension origins
  "reset", // the socket is destroyed before any response
  "server-error", // 500 "The model produced output that does not match the expected peg-native format"
  "context-overflow", // 400 exceed_context_size_error whatever the size
  // remote APIs (OpenAI's shapes): a rate limit that passes (429 rate_limit_exceeded with Retry-After: 1), and an
  // account out of credit (429 insufficient_quota, no Retry-After), which waiting does not cure
  "rate-limit",
  "quota",
] as const;

export type ContentFault = (typeof CONTENT_FAULTS)[number];
export type StreamFault = (typeof STREAM_FAULTS)[number];
export type HttpFault = (typeof HTTP_FAULTS)[number];
export type FaultName = ContentFault | StreamFault | HttpFault;

export const ALL_FAULTS: readonly FaultName[] = [...CONTENT_FAULTS, ...STREAM_FAULTS, ...HTTP_FAULTS];

export interface FaultSpec {
  name: FaultName;
  /** How many matching requests it applies to; Infinity without once/times. */
  times: number;
  seg?: number;
  /** The text it was parsed from, which identifies it for once/times counting. */
  key: string;
}

export function parseFaults(spec: string | undefined | null): FaultSpec[] {
  if (!spec) return [];
  return spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const [rawName = "", ...mods] = item.split(";").map((s) => s.trim());
      const name = rawName as FaultName;
      if (!ALL_FAULTS.includes(name)) throw new Error(`unknown fault "${rawName}" (known: ${ALL_FAULTS.join(", ")})`);
      const fault: FaultSpec = { name, times: Infinity, key: item };
      for (const mod of mods) {
        const [k, v] = mod.split("=").map((s) => s.trim());
        if (k === "once") fault.times = 1;
        else if (k === "times" && v) fault.times = Number(v);
        else if (k === "seg" && v) fault.seg = Number(v);
        else throw new Error(`unknown fault modifier "${mod}"`);
      }
      return fault;
    });
}

/** Counts uses of once/times faults per server. */
export class FaultCounter {
  private readonly used = new Map<string, number>();

  /** The faults that still apply, consuming one use of each. */
  take(faults: FaultSpec[]): FaultSpec[] {
    return faults.filter((f) => {
      const n = this.used.get(f.key) ?? 0;
      if (n >= f.times) return false;
      this.used.set(f.key, n + 1);
      return true;
    });
  }

  reset(): void {
    this.used.clear();
  }
}

export interface OutSegment {
  n: number;
  source: string;
  html: string;
}

const pick = (segs: OutSegment[], seg: number | undefined): OutSegment | undefined =>
  segs.find((s) => s.n === (seg ?? (segs.length >= 2 ? 2 : 1)));

const FILLER =
  "the people here always think about this question and then they say that it is very good for everyone".split(" ");

/** The source with every word replaced by plain English ones (tags and entities kept): a reply in the wrong language. */
function inEnglish(source: string): string {
  let i = 0;
  return source.replace(/&[#\w]+;|[\p{L}\p{M}]+/gu, (word) =>
    word.startsWith("&") ? word : FILLER[i++ % FILLER.length]!,
  );
}

/** Applies content faults to the per-segment translations; returns the reply's prefix/suffix chatter too. */
export function applyContentFaults(
  segs: OutSegment[],
  faults: FaultSpec[],
): { segs: OutSegment[]; before: string; after: string; empty: boolean } {
  let out = segs.map((s) => ({ ...s }));
  let before = "";
  let after = "";
  let empty = false;
  for (const f of faults) {
    const target = pick(out, f.seg);
    switch (f.name) {
      case "drop-segment":
        // Alone, a small model "drops" a segment by misnumbering it: the text comes back under an unknown number.
        if (out.length === 1 && target) target.n = target.n + 1;
        else out = out.filter((s) => s !== target);
        break;
      case "duplicate-segment":
        if (target) out.splice(out.indexOf(target) + 1, 0, { ...target, html: `${target.html} (again, differently)` });
        break;
      case "reorder-segments":
        out.reverse();
        break;
      case "chatter":
        before = "Sure! Here is the translation:\n\n";
        after = "\n\nI hope this helps. Let me know if you need anything else!";
        if (target) target.html = `Here is the translation: ${target.html}`;
        break;
      case "code-fence":
        before = "```html\n";
        after = "\n```";
        if (target) target.html = `\`\`\`\n${target.html}\n\`\`\``;
        break;
      case "think":
        if (target) target.html = `<think>The user wants a translation. Keep the tags.</think>${target.html}`;
        break;
      case "refusal":
        if (target) target.html = "I'm sorry, but I can't help with that request.";
        break;
      case "echo-source":
        if (target) target.html = target.source;
        break;
      case "invented-tag":
        if (target) target.html = `${target.html} <b99>extra</b99>`;
        break;
      case "new-href":
        if (target) {
          const m = /<([a-z]\d*)>/.exec(target.html);
          target.html = m
            ? target.html.replace(m[0], `<${m[1]} href="https://evil.example/phish">`)
            : `<a1 href="https://evil.example/phish">${target.html}</a1>`;
        }
        break;
      case "hostile-html":
        if (target) {
          target.html = `${target.html}<img src=x onerror="alert(1)"><script>alert(document.cookie)</script><a href="javascript:alert(1)">click</a>`;
        }
        break;
      case "lose-placeholder":
        if (target) {
          const m = /<([a-z]\d*)>/.exec(target.html);
          if (m) target.html = target.html.replace(`<${m[1]}>`, "").replace(`</${m[1]}>`, "");
        }
        break;
      case "empty-segment":
        if (target) target.html = "";
        break;
      case "empty-reply":
        empty = true;
        break;
      case "wrong-language":
        if (target) target.html = inEnglish(target.source);
        break;
      default:
        break;
    }
  }
  return { segs: out, before, after, empty };
}
