// The settings as Gloss reads them when it runs in the page's world (see page-world.ts). The stored value is one JSON
// text that also holds the API key and names other sites: auto-translate rules, display modes by site, glossary
// entries for a site. There the page may have replaced JSON.parse, String's and Array's methods and put setters on
// Object.prototype, and would see whatever passes through them. So this reader walks the text with nothing but
// indexing, `length`, comparisons and `+` (none of which runs page code), and lets through only a text of what a
// page session needs: never the key, and of the site-naming fields (auto-translate rules, display modes, glossary
// entries, parts left untranslated) only what applies to this page's host. Only that text reaches JSON.parse; the
// usual validation (readSettings) then fills in the rest.

/** Fields let through as they are: none holds a secret or names a site. */
const PLAIN_FIELDS = [
  "schemaVersion",
  "preset",
  "baseUrl",
  "model",
  "targetLang",
  "neverTranslate",
  "maxBatchChars",
  "maxConcurrent",
  "instructionsInSystem",
  "stallTimeoutSec",
  "writingModel",
  "customInstructions",
  "displayMode",
  "bilingualStyle",
  "progressCue",
  "hoverTranslate",
  "readyOnEverySite",
] as const;

/** The page the settings are read for. */
export interface PagePlace {
  /** Its host name, lower case (`old.reddit.com`): rules and glossary entries for it or a domain above it apply. */
  host: string;
  /** Its site (siteOf): the display mode chosen for it applies. */
  site: string;
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const SPACE = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r";
/** Thrown on text that is not JSON; caught below (a plain object: no page constructor runs). */
const NOT_JSON = {};

function lower(text: string): string {
  let out = "";
  for (let k = 0; k < text.length; k++) {
    let c = text[k]!;
    if (c >= "A" && c <= "Z") for (let u = 0; u < UPPER.length; u++) if (UPPER[u] === c) c = LOWER[u]!;
    out += c;
  }
  return out;
}

function trim(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && SPACE(text[from]!)) from++;
  while (to > from && SPACE(text[to - 1]!)) to--;
  let out = "";
  for (let k = from; k < to; k++) out += text[k];
  return out;
}

/** The host a site rule names, as site-rules.ts reads it: scheme, `*.`, port and path dropped. */
function ruleHost(rule: string): string {
  const r = lower(trim(rule));
  let start = 0;
  for (let k = 0; k + 2 < r.length && r[k] !== "/"; k++) {
    if (r[k] === ":" && r[k + 1] === "/" && r[k + 2] === "/") {
      start = k + 3;
      break;
    }
  }
  if (r[start] === "*" && r[start + 1] === ".") start += 2;
  let host = "";
  for (let k = start; k < r.length && r[k] !== ":" && r[k] !== "/"; k++) host += r[k];
  return host;
}

/** Whether a rule for `ruleHostName` can cover a page on `host`: the same host, or a domain above it. */
function covers(host: string, ruleHostName: string): boolean {
  if (!ruleHostName || ruleHostName.length > host.length) return false;
  const offset = host.length - ruleHostName.length;
  if (offset > 0 && host[offset - 1] !== ".") return false;
  for (let k = 0; k < ruleHostName.length; k++) if (host[offset + k] !== ruleHostName[k]) return false;
  return true;
}

/** `text` as a JSON string; undefined when it holds a control character (no valid rule does). */
function quote(text: string): string | undefined {
  let out = '"';
  for (let k = 0; k < text.length; k++) {
    const c = text[k]!;
    if (c < " ") return undefined;
    out += c === '"' || c === "\\" ? `\\${c}` : c;
  }
  return `${out}"`;
}

/**
 * The JSON text of the stored settings with only what a page on `place` needs (see the top of this file), or
 * undefined when nothing usable is stored.
 */
export function pageWorldSettingsText(stored: unknown, place: PagePlace): string | undefined {
  if (typeof stored !== "string") return undefined;
  const s = stored;
  let i = 0;
  // Past the end, `s[k]` would be looked up on String.prototype, where the page may have put a getter: never go there.
  const at = (k: number) => (k < s.length ? s[k]! : "");
  const space = () => {
    while (SPACE(at(i))) i++;
  };
  const expect = (c: string) => {
    if (at(i) !== c) throw NOT_JSON;
    i++;
  };
  const copy = (from: number, to: number) => {
    let out = "";
    for (let k = from; k < to; k++) out += s[k];
    return out;
  };

  /** A string, decoded; undefined when it holds a \u escape (decoding one would take String.fromCharCode). */
  function readString(): string | undefined {
    expect('"');
    let out = "";
    let plain = true;
    for (;;) {
      const c = at(i);
      if (c === "" || c < " ") throw NOT_JSON;
      i++;
      if (c === '"') return plain ? out : undefined;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const escaped = at(i);
      i++;
      if (escaped === '"' || escaped === "\\" || escaped === "/") out += escaped;
      else if (escaped === "n") out += "\n";
      else if (escaped === "r") out += "\r";
      else if (escaped === "t") out += "\t";
      else if (escaped === "b") out += "\b";
      else if (escaped === "f") out += "\f";
      else if (escaped === "u") plain = false;
      else throw NOT_JSON;
    }
  }

  const isNumberChar = (c: string) =>
    (c >= "0" && c <= "9") || c === "-" || c === "+" || c === "." || c === "e" || c === "E";

  function skipValue(depth = 0): void {
    if (depth > 64) throw NOT_JSON;
    space();
    const c = at(i);
    if (c === '"') readString();
    else if (c === "{" || c === "[") {
      const object = c === "{";
      i++;
      space();
      if (at(i) === (object ? "}" : "]")) {
        i++;
        return;
      }
      for (;;) {
        space();
        if (object) {
          readString();
          space();
          expect(":");
        }
        skipValue(depth + 1);
        space();
        if (at(i) !== ",") break;
        i++;
      }
      expect(object ? "}" : "]");
    } else if (c === "t" || c === "f" || c === "n") {
      const word = c === "t" ? "true" : c === "f" ? "false" : "null";
      for (let k = 0; k < word.length; k++) if (at(i + k) !== word[k]) throw NOT_JSON;
      i += word.length;
    } else {
      const start = i;
      while (isNumberChar(at(i))) i++;
      if (i === start) throw NOT_JSON;
    }
  }

  /** Walks an array's items with `item` (which must consume one value); false when the value is not an array. */
  function eachItem(item: () => void): boolean {
    if (at(i) !== "[") return false;
    i++;
    space();
    if (at(i) === "]") {
      i++;
      return true;
    }
    for (;;) {
      space();
      item();
      space();
      if (at(i) !== ",") break;
      i++;
    }
    expect("]");
    return true;
  }

  /**
   * Walks an object's members with `member`, called at each value with the key (decoded; undefined when it holds a
   * \u escape) and the key as written; `member` must consume the value.
   */
  function eachMember(member: (key: string | undefined, keyText: string) => void): void {
    expect("{");
    space();
    if (at(i) === "}") {
      i++;
      return;
    }
    for (;;) {
      space();
      const keyStart = i;
      const key = readString();
      const keyText = copy(keyStart, i);
      space();
      expect(":");
      space();
      member(key, keyText);
      space();
      if (at(i) !== ",") break;
      i++;
    }
    expect("}");
  }

  /**
   * A list whose items all start with `open` (`"` for text, `{` for objects), with the items `applies` (which reads
   * one) says yes to; undefined when it is no such list, which readSettings would drop whole.
   */
  function keptItems(open: string, applies: () => boolean): string | undefined {
    let kept = "";
    let valid = true;
    const isList = eachItem(() => {
      const start = i;
      if (at(i) !== open) {
        skipValue();
        valid = false;
        return;
      }
      if (applies()) kept += (kept ? "," : "") + copy(start, i);
    });
    if (!isList) skipValue();
    return isList && valid ? `[${kept}]` : undefined;
  }

  /** The rules that can cover this page; the text of a list, or undefined to leave the default (no rules). */
  function autoTranslate(): string | undefined {
    if (at(i) !== '"') {
      return keptItems('"', () => {
        const rule = readString();
        return rule !== undefined && covers(place.host, ruleHost(rule));
      });
    }
    // A list typed as text in a storage editor: rules apart by commas or lines, as readSettings takes them.
    const text = readString() ?? "";
    let kept = "";
    let part = "";
    for (let k = 0; k <= text.length; k++) {
      const c = k < text.length ? text[k]! : ",";
      if (c !== "," && c !== "\n") part += c;
      else {
        const json = covers(place.host, ruleHost(part)) ? quote(trim(part)) : undefined;
        if (json !== undefined) kept += (kept ? "," : "") + json;
        part = "";
      }
    }
    return `[${kept}]`;
  }

  /** The site of the entry starting here ("" for every site), or undefined when it cannot be read. */
  function entrySite(): string | undefined {
    let site: string | undefined = "";
    eachMember((key) => {
      if (key === "site" && at(i) === '"') site = readString();
      else {
        skipValue();
        if (key === "site")
          site = ""; // validation reads a site that is not text as "every site"
        else if (key === undefined) site = undefined; // a key with \u escapes may spell "site": unknown
      }
    });
    return site;
  }

  /** The entries (glossary terms, parts left untranslated) for every site and for this page's host. */
  function entriesHere(): string | undefined {
    return keptItems("{", () => {
      const site = entrySite();
      return site !== undefined && (trim(site) === "" || covers(place.host, ruleHost(site)));
    });
  }

  /** The display mode chosen for this page's site, if any. */
  function siteDisplayModes(): string | undefined {
    if (at(i) !== "{") {
      skipValue();
      return undefined;
    }
    let kept = "";
    eachMember((key, keyText) => {
      const valueStart = i;
      skipValue();
      if (place.site && key === place.site) kept = `${keyText}:${copy(valueStart, i)}`;
    });
    return `{${kept}}`;
  }

  const isPlain = (key: string) => {
    for (let k = 0; k < PLAIN_FIELDS.length; k++) if (PLAIN_FIELDS[k] === key) return true;
    return false;
  };

  try {
    let out = "";
    const emit = (keyText: string, value: string | undefined) => {
      if (value !== undefined) out += `${out ? "," : ""}${keyText}:${value}`;
    };
    space();
    eachMember((key, keyText) => {
      const valueStart = i;
      if (key !== undefined && isPlain(key)) {
        skipValue();
        emit(keyText, copy(valueStart, i));
      } else if (key === "autoTranslate") emit(keyText, autoTranslate());
      else if (key === "glossary" || key === "skipParts") emit(keyText, entriesHere());
      else if (key === "siteDisplayModes") emit(keyText, siteDisplayModes());
      else skipValue(); // the key and the address it is for, and whatever else is stored
    });
    space();
    if (i !== s.length) return undefined;
    return `{${out}}`;
  } catch {
    return undefined;
  }
}

/** The stored settings, as far as a page on `place` needs them (see the top of this file); undefined: none usable. */
export function readPageWorldSettings(stored: unknown, place: PagePlace): unknown {
  const text = pageWorldSettingsText(stored, place);
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

// The built-in Promise, its `then` and what tells an `await` to call `then`, kept as this script starts (see
// filteredSettingsValue). An async function's promise is always the engine's own, whatever the page made of `Promise`.
const NativePromise = Promise;
const then = Promise.prototype.then;
const apply = Reflect.apply;
const describe = Reflect.getOwnPropertyDescriptor;
const protoOf = Reflect.getPrototypeOf;
const hasOwn = Object.prototype.hasOwnProperty;
const BUILT_IN = protoOf((async () => undefined)()) as object;
const CONSTRUCTOR = describe(BUILT_IN, "constructor");

/**
 * Whether an `await` of `value` takes its value through the engine's own reaction, calling no `then` and no getter
 * of the page's: a built-in promise whose `constructor` is still the data property it was as Gloss started. Read
 * through descriptors, so that no getter of the page's is handed the promise on the way.
 */
function awaitsUnseen(value: Promise<unknown>): boolean {
  if (protoOf(value) !== BUILT_IN || describe(value, "constructor") || !CONSTRUCTOR) return false;
  const now = describe(BUILT_IN, "constructor");
  return now !== undefined && (apply(hasOwn, now, ["value"]) as boolean) && now.value === CONSTRUCTOR.value;
}

async function awaitFiltered(value: Promise<unknown>, place: () => PagePlace): Promise<string | undefined> {
  return pageWorldSettingsText(await value, place());
}

/**
 * The stored settings as `getValue` (the manager's) gives them, filtered (pageWorldSettingsText) as they leave the
 * manager's promise. The value it holds has the key and every site's rules, and a promise that carried it on in Gloss
 * would hand it to a page that replaced the global Promise (`new Promise`), Promise's `then`, or Promise.prototype's
 * `constructor` (which makes an `await` call `then`). An `await` calls no `then` while the constructor is as it was
 * when Gloss started, so a `then` the page replaced before (pages run first) or after sees nothing; if the page has
 * changed the constructor since, the value is taken with the `then` kept at start, whose reaction returns nothing
 * (what a page's species makes of that is `undefined`). Only the filtered text goes into a promise, a built-in one.
 */
export function filteredSettingsValue(value: Promise<unknown>, place: () => PagePlace): Promise<string | undefined> {
  if (awaitsUnseen(value)) return awaitFiltered(value, place);
  return new NativePromise((resolve, reject) => {
    const take = (stored: unknown): void => resolve(pageWorldSettingsText(stored, place()));
    const fail = (error: unknown): void => reject(error);
    apply(then, value, [take, fail]);
  });
}
