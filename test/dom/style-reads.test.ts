// Collection reads the computed style of every element it walks, and in Chromium each property read builds its value
// afresh: what only a flex container or a clipped box can need (how a bilingual copy lines up, whether it is
// clamped) is read for those alone, so an ordinary page pays for none of it.

import { StyleCache } from "../../src/core/collect/display";

/** A StyleCache over this window whose computed styles record the properties read, by element id. */
function recordingCache(): { styles: StyleCache; reads: Map<string, string[]> } {
  const reads = new Map<string, string[]>();
  const win = {
    getComputedStyle(el: Element) {
      const style = window.getComputedStyle(el);
      const log = reads.get(el.id) ?? [];
      reads.set(el.id, log);
      return new Proxy(style, {
        get(target, name) {
          const value: unknown = Reflect.get(target, name, target);
          if (name === "getPropertyValue") {
            return (property: string) => {
              log.push(property);
              return target.getPropertyValue(property);
            };
          }
          if (typeof name === "string") log.push(name);
          return typeof value === "function" ? (value as () => unknown).bind(target) : value;
        },
      });
    },
  } as unknown as Window;
  return { styles: new StyleCache(win), reads };
}

const LAYOUT_ONLY = ["flexDirection", "flexWrap", "maxHeight"];
const CLAMP = ["-webkit-line-clamp", "line-clamp", "overflowY", "overflow", "maxHeight"];

test("an ordinary paragraph's style is read without the flex and height properties only other boxes need", () => {
  document.body.innerHTML = `<p id="p">Ein Absatz mit <b id="b">fettem</b> Text.</p><div id="s" style="overflow:auto">x</div>`;
  const { styles, reads } = recordingCache();
  for (const id of ["p", "b", "s"]) {
    const info = styles.get(document.getElementById(id) as Element);
    expect(info.lineup).toBe("flow");
    expect(info.clamps).toBe(false);
    expect(reads.get(id)?.filter((name) => LAYOUT_ONLY.includes(name))).toEqual([]);
  }
  // An inline box takes no max-height and no line clamp: none of it is read.
  expect(reads.get("b")?.filter((name) => CLAMP.includes(name))).toEqual([]);
});

test("a flex container and a clipped box still tell how they line up and whether they clamp", () => {
  document.body.innerHTML =
    `<div id="col" style="display:flex;flex-direction:column">a</div>` +
    `<div id="wrap" style="display:flex;flex-wrap:wrap">b</div>` +
    `<div id="row" style="display:flex">c</div>` +
    `<div id="grid" style="display:grid">d</div>` +
    `<div id="clip" style="max-height:3em;overflow:hidden">e</div>` +
    `<div id="shut" style="max-height:0;overflow:hidden">f</div>` +
    `<h3 id="lines" style="-webkit-line-clamp:2;overflow:hidden">g</h3>`;
  const { styles } = recordingCache();
  const info = (id: string) => styles.get(document.getElementById(id) as Element);
  expect(["col", "wrap", "row", "grid", "clip"].map((id) => info(id).lineup)).toEqual([
    "column",
    "wrap",
    "row",
    "grid",
    "flow",
  ]);
  expect(["clip", "shut", "lines", "row"].map((id) => info(id).clamps)).toEqual([true, false, true, false]);
});
