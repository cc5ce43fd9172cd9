// The model as an adversary: seeded, mangled replies (markers dropped, doubled, reordered, split anywhere across SSE
// chunks and UTF-8 bytes; placeholders dropped, doubled, renamed, given attributes; hostile HTML anywhere) through the
// real path a reply takes to the page: SSE decoding → ReplyParser → SegmentOrder → fromWire → checkReply → decodeUnit
// → mergeUnit, then "Show original". Whatever the reply, no element or attribute the page did not have (or a clone of
// an issued placeholder) reaches the page, none of the page's nodes leaves it, and Show original is byte-identical.

import "../helpers/text-encoder";
import { TextDecoder } from "node:util";
import { decodeUnit, encodeUnit, mergeUnit, restoreContent } from "../../src/core";
import type { ContentSnapshot, EncodedUnit } from "../../src/core";
import { escapeMarkers, wrapSegments } from "../../src/llm/markers";
import { ReplyParser } from "../../src/llm/reply-parser";
import { SegmentOrder } from "../../src/llm/segment-order";
import { createSseDecoder } from "../../src/llm/sse";
import { checkReply } from "../../src/llm/validate";
import { fromWire, toWire } from "../../src/llm/wire-names";
// mulberry32: every failure replays from its seed.
import { random as rng } from "../double/model-profile";

// sse.ts decodes bytes with one; jsdom has none.
globalThis.TextDecoder ??= TextDecoder as typeof globalThis.TextDecoder;

const PAGE = [
  `<p>Lies <a href="/artikel" id="l1">den Artikel</a> und <b>teile</b> ihn mit <i>Freunden</i>.</p>`,
  `<p>Das ist <b>sehr <i>wichtig</i></b>, siehe <a href="/faq">FAQ</a><sup><a href="#fn1">[1]</a></sup> heute.</p>`,
  `<p>Ein Bild <img src="/x.png" alt=""> und <code>a &lt; b</code> im Text.<br>Zweite Zeile.</p>`,
  `<p>Straße &amp; Weg: <a href="/a">eins</a>, <a href="/b">zwei</a> und <em>drei</em> — 😀 Ende.</p>`,
  `<p>Nur Text ohne Markup, aber lang genug für eine echte Prüfung der Länge.</p>`,
  // Wrappers with edges (the content area is inside), a comment and a script that stay beside their text.
  `<p>Vor <span class="w"><a href="/w"><i class="icon"></i>umhüllter Link</a></span> und <!-- m --><a href="/c"><img src="/i.png" alt="">Bildlink <b>fett</b></a><script>1</script> Ende.</p>`,
].join("");

const HOSTILE = [
  `<img src=x onerror="window.__pwned=1">`,
  `<svg><script>window.__pwned=1</script></svg>`,
  `<style>p{display:none}</style>`,
  `<iframe src="javascript:window.__pwned=1"></iframe>`,
  `<template><img src=x onerror=window.__pwned=1></template>`,
  `<!-- <img src=x onerror=window.__pwned=1> -->`,
  `<![CDATA[<img src=x onerror=window.__pwned=1>]]>`,
  `&lt;script&gt;window.__pwned=1&lt;/script&gt;`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror=window.__pwned=1>`,
  `<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>">`,
  `<a1 href="javascript:window.__pwned=1">`,
  `<x3 onerror=window.__pwned=1>`,
  `<A1>`,
  `</a1>`,
  `<a1>`,
  `[a1]`,
  `[/a1]`,
  `<b2></b2>`,
  `<a href="https://evil.example">`,
  `<b onclick=alert(1)>`,
  `<think>hmm [2] <a1></think>`,
  "```html\n",
  "Here is the translation:\n",
  `[1]`,
  `[/]`,
  `[2]`,
  `[ 3 ]`,
  `［4］`,
  `[[5]]`,
  `[99]`,
  `[/2]`,
  `<x2/>`,
  `<i2 />`,
  `**fett**`,
];

/** A plausible translation: the text outside tags upper-cased (entities kept). */
function translate(html: string): string {
  return html.replace(
    /(^|>)([^<]*)/g,
    (_, gt: string, text: string) =>
      gt + text.replace(/&[#\w]+;|[^&]+/g, (part) => (part.startsWith("&") ? part : part.toUpperCase())),
  );
}

function mangle(reply: string, random: () => number): string {
  let out = reply;
  const at = (): number => Math.floor(random() * (out.length + 1));
  const ops = 1 + Math.floor(random() * 4);
  for (let i = 0; i < ops; i++) {
    // The first change is always an insertion: every seed tries one hostile or marker-like string.
    const op = i === 0 ? 0 : Math.floor(random() * 9);
    const p = at();
    const q = Math.min(out.length, p + Math.floor(random() * 20));
    switch (op) {
      case 0: // insert hostile or marker-like text
        out = out.slice(0, p) + HOSTILE[Math.floor(random() * HOSTILE.length)] + out.slice(p);
        break;
      case 1: // cut a piece out (a marker, a tag, text)
        out = out.slice(0, p) + out.slice(q);
        break;
      case 2: // repeat a piece (a repetition loop, a doubled marker or placeholder)
        out = out.slice(0, q) + out.slice(p, q).repeat(1 + Math.floor(random() * 4)) + out.slice(q);
        break;
      case 3: // swap two pieces
        out = out.slice(q) + out.slice(0, p) + out.slice(p, q);
        break;
      case 4: // upper-case a piece (`<A1>`)
        out = out.slice(0, p) + out.slice(p, q).toUpperCase() + out.slice(q);
        break;
      case 5: // tags to brackets
        out = out.slice(0, p) + out.slice(p, q).replace(/</g, "[").replace(/>/g, "]") + out.slice(q);
        break;
      case 6: // an attribute on the next tag
        out = out.slice(0, p) + out.slice(p).replace(/<([a-z]\d*)>/, `<$1 href="javascript:window.__pwned=1">`);
        break;
      case 7: // rename a placeholder
        out = out.replace(/<(\/?)([a-z])(\d*)>/, (_, s: string, l: string, d: string) => `<${s}${l}${d ? "9" : "7"}>`);
        break;
      default: // wrap in chatter, a fence or a think block
        out = ["Here is the translation:\n", "```\n", "<think>[1] x</think>"][Math.floor(random() * 3)] + out;
        if (random() < 0.5) out += "\n```";
    }
  }
  return out;
}

/** The reply as a server streams it: SSE events, the bytes split anywhere (also inside a character). */
function stream(reply: string, random: () => number, onText: (text: string) => void): void {
  const deltas: string[] = [];
  for (let i = 0; i < reply.length;) {
    const n = 1 + Math.floor(random() * 6);
    deltas.push(reply.slice(i, i + n));
    i += n;
  }
  const bytes = new TextEncoder().encode(
    deltas.map((d) => `data: ${JSON.stringify({ choices: [{ delta: { content: d } }] })}\n\n`).join(""),
  );
  const sse = createSseDecoder((data) => onText(JSON.parse(data).choices[0].delta.content as string));
  for (let i = 0; i < bytes.length;) {
    const n = 1 + Math.floor(random() * 40);
    sse.push(bytes.slice(i, i + n));
    i += n;
  }
  sse.end();
}

/** Every node of the page, in order, and each element's attributes. */
function inventory(): { nodes: Node[]; attrs: Map<Element, string> } {
  const nodes: Node[] = [];
  const attrs = new Map<Element, string>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n);
    if (n instanceof Element) attrs.set(n, attributesOf(n));
  }
  return { nodes, attrs };
}

const attributesOf = (el: Element): string =>
  `${el.localName}[${Array.from(el.attributes)
    .filter((a) => a.name !== "lang")
    .map((a) => `${a.name}=${a.value}`)
    .join(",")}]`;

interface Page {
  units: EncodedUnit[];
  before: string;
  original: ReturnType<typeof inventory>;
  /** What a clone of an issued placeholder (or of an element inside one) may look like. */
  cloneable: Set<string>;
}

/** The page, encoded once: every seed ends with Show original, which must give back exactly this page. */
function load(): Page {
  document.body.innerHTML = PAGE;
  const units = Array.from(document.querySelectorAll("p")).map((p) => encodeUnit(p) as EncodedUnit);
  const cloneable = new Set<string>();
  for (const u of units) {
    for (const p of u.placeholders.values()) {
      for (const el of [p.el, ...Array.from(p.el.querySelectorAll("*"))]) cloneable.add(attributesOf(el));
    }
  }
  return { units, before: document.body.innerHTML, original: inventory(), cloneable };
}

/** Runs one seed; returns how many units it wrote. */
function runSeed(seed: number, checked: boolean, { units, before, original, cloneable }: Page): number {
  const random = rng(seed);
  const wire = units.map((u) => toWire(u.html));
  const good = wrapSegments(wire.map(translate));
  const reply = mangle(good, random);

  const sources = wire.map(escapeMarkers);
  const accepted = new Map<number, string>();
  const order = new SegmentOrder(sources, (n, raw, merged) => {
    if (merged) return;
    const unit = units[n - 1] as EncodedUnit;
    const reply = fromWire(raw, unit.html);
    // Unchecked: the page engine on its own, as with any Translator that hands it whatever came back.
    if (!checked) return void accepted.set(n, reply);
    const verdict = checkReply(unit.html, reply, { targetLang: "en", sourceLang: "de" });
    if (verdict.ok) accepted.set(n, verdict.html);
  });
  const parser = new ReplyParser(units.length, ({ n, raw }) => order.push(n, raw), {
    sources,
    onOpen: (n) => order.opened(n),
  });
  stream(reply, random, (text) => parser.push(text));
  const complete = random() < 0.8;
  parser.end(complete);
  order.end(complete);

  const snapshots: ContentSnapshot[] = [];
  for (const [n, html] of accepted) {
    const unit = units[n - 1] as EncodedUnit;
    const d = decodeUnit(window, html, unit);
    if (d.ok) snapshots.push(mergeUnit(unit, d.fragment));
  }

  const context = `seed ${seed}, reply ${JSON.stringify(reply)}`;
  const after = inventory();
  const known = new Set(original.nodes);
  for (const node of original.nodes) {
    if (!node.isConnected) throw new Error(`${context}: a page node left the page: ${node.nodeName}`);
  }
  for (const node of after.nodes) {
    if (known.has(node)) {
      if (node instanceof Element && original.attrs.get(node) !== after.attrs.get(node)) {
        throw new Error(`${context}: attributes changed: ${after.attrs.get(node)}`);
      }
    } else if (node instanceof Element) {
      if (!cloneable.has(attributesOf(node))) throw new Error(`${context}: a new element: ${attributesOf(node)}`);
    } else if (!(node instanceof Text)) {
      throw new Error(`${context}: a new ${node.nodeName}`);
    }
  }
  if ((window as unknown as { __pwned?: number }).__pwned) throw new Error(`${context}: script ran`);

  for (const s of snapshots.reverse()) restoreContent(s);
  if (document.body.innerHTML !== before) throw new Error(`${context}: Show original differs`);
  const back = inventory().nodes;
  if (back.length !== original.nodes.length || back.some((n, i) => n !== original.nodes[i])) {
    throw new Error(`${context}: Show original did not put back the same nodes`);
  }
  return snapshots.length;
}

test.each([
  ["checked by the server client", true],
  ["straight to the page engine", false],
])(
  "mangled replies %s: nothing foreign reaches the page, no page node is lost, Show original is exact",
  (_, checked) => {
    const from = Number(process.env.FUZZ_FROM ?? 1);
    const seeds = Number(process.env.FUZZ_SEEDS ?? 100);
    let written = 0;
    const page = load();
    for (let seed = from; seed < from + seeds; seed++) written += runSeed(seed, checked, page);
    // Most mangled replies still carry some usable segments: the path to the page is really taken.
    expect(written).toBeGreaterThan(seeds / 2);
  },
);
