// Find translation units in one walk of the tree, the way Firefox's full-page translator does: an element whose
// content is all inline (computed display) is one unit with its inline markup; inline content beside block siblings
// forms its own unit (a "run"). Open (and, via getShadowRoot, closed) shadow roots are walked too. A few attributes
// are collected as plain-text units.

import { isInlineDisplay, preformatted, undisplayed, type Lineup, type StyleCache } from "./display";
import {
  type Container,
  composedParent,
  composedParentElement,
  hasLetter,
  hasNonSpace,
  holdsPinned,
  keepsOwnAttributes,
  isElement,
  isPinned,
  isShadowRoot,
  isText,
  someText,
  tagOf,
  unpin,
  attrOf,
  isMatch,
  parentElementOf,
  firstChildOf,
  nextOf,
  childNodesOf,
} from "../dom";
import { type EncodedUnit, encodeUnit, type Role } from "../markup/encode";
import { onlyAddressesOrTimestamps } from "./bare-address";
import { oversized, splitOversized } from "./oversize";
import { isReferenceMark } from "./reference-mark";
import { screenReaderOnly } from "./screen-reader-only";
import { type Shown, SlotSight } from "./unslotted";
import { childContext, contextAt, isTranslatable, type Rules, type WalkContext } from "./rules";
import { directionOf } from "../write/text-direction";
import { langDirection, type TextDirection } from "../../shared/lang-direction";

export interface ContentUnitSpec {
  kind: "content";
  /** Element whose whole content is the unit, or null for a run of siblings / a shadow root's content. */
  root: Element | null;
  /** The nodes the unit was collected from: consecutive children of their parent (all of them for `root`). */
  nodes: Node[];
  encoded: EncodedUnit;
  /** For visibility and priority. */
  anchor: Element;
  /** Document order (pre-order position of the unit's first node). */
  order: number;
  /** The root is laid out as a block (not inline): the bilingual view puts the translation below it as a block. */
  block: boolean;
  /**
   * Which way text runs in the anchor as the browser computed it at collection (CSS may set it with no `dir`);
   * undefined where unknown (jsdom, an element outside the flat tree), then `dir` attributes tell.
   */
  direction: TextDirection | undefined;
  /**
   * The root's own CSS sets that direction (it differs from what its `dir` or its parent gives): author CSS beats
   * a `dir` attribute there, so turning it takes an inline declaration.
   */
  ownCssDirection: boolean;
  /**
   * The root is a block aligned at the physical side its direction starts at (`text-align: left` where text runs left
   * to right, often a reset for the whole page): the page meant its start, and a translation that runs the other way
   * is aligned at its own start instead.
   */
  startAligned: boolean;
  /**
   * The root is a list item: its marker hangs outside it at its start, in the list's padding, which a translation
   * that runs the other way would move to the other side, past the list's edge (clipped, or over what is beside).
   */
  listItem: boolean;
  /** How the element holding the unit's nodes lays them out (a copy put after them joins that layout); flow if unset. */
  lineup?: Lineup;
  /** The elements from the anchor up that clamp its text (StyleInfo.clamps): the bilingual view lifts their clamp. */
  clamped?: Element[];
  /** One of the runs an element too long for one request was cut into: it shares its lines with the others. */
  part?: boolean;
  /** For such a run: the last node of all the runs it was cut with (its bilingual copy goes after them, in order). */
  partsEnd?: Node;
  /**
   * For a run (no root) in an element: that element's style as a root's is read (the fields above), for marking it
   * once all it holds is translation, in several writes (write/whole-marks.ts).
   */
  anchorRead?: DirectionRead;
  /** The anchor is text for screen readers alone (screen-reader-only.ts): nobody sees it, wherever its box lies. */
  unseen?: boolean;
}

/** What marking an element with the translation's language and direction needs of its style (write/own-lang.ts). */
export type DirectionRead = Pick<ContentUnitSpec, "direction" | "ownCssDirection" | "startAligned" | "listItem">;

export interface AttributeUnitSpec {
  kind: "attribute";
  el: Element;
  name: string;
  value: string;
  anchor: Element;
  /** The label repeats this element's content: written from its translation, not sent (write/derived-labels.ts). */
  from?: Element;
}

export interface CollectHooks {
  rules: Rules;
  styles: StyleCache;
  getShadowRoot(el: Element): ShadowRoot | null;
  /** The node already belongs to a live unit (being translated or translated): leave it alone. */
  claimed(node: Node): boolean;
  attributeClaimed(el: Element, name: string): boolean;
  /** Left alone for good (e.g. content that changed too often). */
  ignored(node: Node): boolean;
  /** A block element already walked on its own in this pass (see schedule/staged-collect.ts). */
  collected?(el: Element): boolean;
  /** Compact-HTML characters one unit may hold; a longer unit is split into runs (see oversize.ts). */
  maxUnitChars?: number;
  onShadowRoot(root: ShadowRoot): void;
}

export interface CollectResult {
  content: ContentUnitSpec[];
  attributes: AttributeUnitSpec[];
  /** Elements with text excluded because their `lang` is already the target language. */
  skippedTargetLang: number;
  /** Elements skipped as not displayed; they may be revealed later. */
  hidden: Element[];
}

interface Flow {
  /** Can be part of the parent's unit. */
  inline: boolean;
  /** Holds translatable letters (worth a unit). */
  letters: boolean;
  /** Holds translatable non-whitespace text (travels with its text rather than as an empty placeholder). */
  content: boolean;
}

/**
 * Items are separate phrases even when styled inline (menus, rows of buttons like Reddit's "permalink · save ·
 * report"): as units of their own they translate better, and repeats are translated once.
 */
export const ITEM_TAGS: ReadonlySet<string> = new Set(["li", "dt", "dd", "td", "th", "tr", "option", "optgroup"]);

/** How many elements from a unit's anchor up may clamp its copy: itself, its block, the card body around that. */
const CLAMP_LEVELS = 3;

/** A child, how it flows, and its pre-order position. */
type FlowEntry = [Node, Flow, number];

/** Walking one container's children (see Collector.#run). */
interface ChildWalk {
  parent: Container;
  /** The context the children are visited in. */
  ctx: WalkContext;
  translatable: boolean;
  /** The next child to visit. */
  next: ChildNode | null;
  /** The child the walk stops at (not visited); null: the last child. */
  end: ChildNode | null;
  flows: FlowEntry[];
  /** For a shadow host's light children: the ones its root shows (the others are never drawn); all when unset. */
  shown?: Shown;
  /** The slot the last child visited shows in. */
  slot?: Element;
  /** Make the units once every child was visited; returns the flow of the element that owns the walk. */
  done(flows: FlowEntry[]): Flow;
  /** Where the owning element's flow goes (its entry in its parent's walk). */
  report?: FlowEntry;
}

const BLOCK: Flow = { inline: false, letters: false, content: false };
const INERT_INLINE: Flow = { inline: true, letters: false, content: false };

// What screen readers and tooltips say, as Firefox's translator has it (translations-document.sys.mjs), less what
// changes by itself (aria-valuetext follows a slider) or is not read aloud (the braille labels; see unspoken).
const TRANSLATABLE_ATTRIBUTES = [
  "title",
  "alt",
  "placeholder",
  "aria-label",
  "aria-description",
  "aria-roledescription",
  "aria-placeholder",
  "abbr",
  "value",
  "label",
] as const;

/**
 * Hidden from screen readers, the only ones who hear its alt and aria labels: Wikipedia's formula images (a LaTeX
 * alt for each formula, a request each, beside the MathML that screen readers read instead).
 */
function unspoken(el: Element): boolean {
  return attrOf(el, "aria-hidden")?.trim().toLowerCase() === "true";
}

function attributeApplies(el: Element, name: (typeof TRANSLATABLE_ATTRIBUTES)[number]): boolean {
  const tag = tagOf(el);
  switch (name) {
    case "title":
      return true;
    case "aria-label":
    case "aria-description":
    case "aria-roledescription":
    case "aria-placeholder":
      return !unspoken(el);
    case "abbr":
      // A header cell's short name, which a screen reader says for each cell under it.
      return tag === "th" && !unspoken(el);
    case "alt":
      return (
        (tag === "img" || tag === "area" || (tag === "input" && attrOf(el, "type")?.toLowerCase() === "image")) &&
        !unspoken(el)
      );
    case "placeholder":
      return tag === "input" || tag === "textarea";
    case "label":
      // What a drop-down shows: a group's heading, and an option's text when it has a label.
      return tag === "optgroup" || tag === "option";
    case "value": {
      // Never type=submit: its value is sent to the server with the form.
      const type = attrOf(el, "type")?.toLowerCase();
      return tag === "input" && (type === "button" || type === "reset");
    }
  }
}

export function translatableAttributeNames(): readonly string[] {
  return TRANSLATABLE_ATTRIBUTES;
}

class Collector {
  readonly result: CollectResult = { content: [], attributes: [], skippedTargetLang: 0, hidden: [] };
  readonly #roles = new Map<Element, Role>();
  /** Elements the site's rules exclude (page chrome): left out at a unit's edges. */
  readonly #aside = new WeakSet<Element>();
  readonly #h: CollectHooks;
  readonly slots: SlotSight;
  /** Pre-order position of the node being visited: units are created children-first, then sorted by this. */
  #pos = 0;

  constructor(hooks: CollectHooks) {
    this.#h = hooks;
    this.slots = new SlotSight(hooks.getShadowRoot, (el) => undisplayed(el, hooks.styles.get(el)));
  }

  attributes(el: Element): void {
    for (const name of TRANSLATABLE_ATTRIBUTES) {
      if (!attributeApplies(el, name)) continue;
      const value = attrOf(el, name);
      if (!value || !hasLetter(value) || onlyAddressesOrTimestamps(value) || this.#h.attributeClaimed(el, name))
        continue;
      const from = this.#h.rules.labelSource(el, name);
      this.result.attributes.push({ kind: "attribute", el, name, value, anchor: el, ...(from ? { from } : {}) });
    }
  }

  /**
   * Visit an element and everything below it; returns how it flows in its parent. The walk keeps its own stack
   * (no recursion), so a page nested thousands of levels deep is walked like any other.
   */
  visitElement(el: Element, ctx: WalkContext): Flow {
    const entered = this.#enter(el, ctx);
    if (!Array.isArray(entered)) return entered;
    const report: FlowEntry = [el, BLOCK, -1];
    const last = entered[entered.length - 1] as ChildWalk;
    last.report = report;
    this.#run(entered);
    return report[1];
  }

  walkContainer(container: Container, ctx: WalkContext): void {
    this.#run([this.#containerWalk(container, ctx)]);
  }

  /** Walk `parent`'s children from `first` up to `end` as content beside blocks (a run, see collectRun). */
  walkChildren(parent: Container, ctx: WalkContext, first: ChildNode, end: ChildNode | null): void {
    const walk = this.#containerWalk(parent, ctx);
    walk.next = first;
    walk.end = end;
    this.#run([walk]);
  }

  /** A walk of a container's children whose units are made once every child was visited. */
  #containerWalk(container: Container, ctx: WalkContext): ChildWalk {
    const translatable = isTranslatable(ctx);
    const walk = this.#childWalk(container, ctx, translatable, (flows) => {
      if (translatable) this.runs(container, flows, ctx, null);
      else this.ownUnits(flows, ctx);
      return BLOCK;
    });
    // A shadow host's light children, in a walk of the host or of some of them after a change: those its root shows.
    const shadow = isElement(container) && this.#h.getShadowRoot(container);
    if (shadow) walk.shown = this.slots.shownBy(container as Element, shadow) ?? undefined;
    return walk;
  }

  #childWalk(
    parent: Container,
    ctx: WalkContext,
    translatable: boolean,
    done: (flows: FlowEntry[]) => Flow,
  ): ChildWalk {
    return { parent, ctx, translatable, next: firstChildOf(parent), end: null, flows: [], done };
  }

  /**
   * Runs child walks to the end, `walks` one after the other (a shadow root before its host's light children, as a
   * recursive walk would). Children are visited in document order, each element's flow reported to its parent's
   * walk once its own children are done.
   */
  #run(walks: ChildWalk[]): void {
    const stack = walks.slice().reverse();
    const h = this.#h;
    while (stack.length) {
      const w = stack[stack.length - 1] as ChildWalk;
      const c = w.next === w.end ? null : w.next;
      if (!c) {
        stack.pop();
        const flow = w.done(w.flows);
        if (w.report) w.report[1] = flow;
        continue;
      }
      w.next = nextOf(c);
      const pos = this.#pos++;
      const slot = w.shown?.get(c);
      // Children shown in different slots are apart on the screen (a card's title and its text): no run joins them.
      if (slot !== w.slot && w.slot) w.flows.push([c, BLOCK, pos]);
      w.slot = slot;
      if (w.shown && !slot) {
        // Never drawn: neither sent nor a placeholder in what the host's other children make.
        w.flows.push([c, BLOCK, pos]);
      } else if (isText(c)) {
        let f: Flow;
        if (h.claimed(c) || h.ignored(c) || h.rules.slottedAway(c)) f = BLOCK;
        else if (!w.translatable) f = INERT_INLINE;
        else f = { inline: true, letters: hasLetter(c.data), content: hasNonSpace(c.data) };
        w.flows.push([c, f, pos]);
      } else if (isElement(c)) {
        const entry: FlowEntry = [c, BLOCK, pos];
        w.flows.push(entry);
        const entered = this.#enter(c, w.ctx);
        if (!Array.isArray(entered)) entry[1] = entered;
        else {
          (entered[entered.length - 1] as ChildWalk).report = entry;
          for (let i = entered.length - 1; i >= 0; i--) stack.push(entered[i] as ChildWalk);
        }
      } else {
        w.flows.push([c, INERT_INLINE, pos]);
      }
    }
  }

  /**
   * The part of visiting an element that comes before its children: its flow when it has no children to walk, or
   * the walks of its children in the order they run (the last one reports the element's flow when done).
   */
  #enter(el: Element, ctx: WalkContext): Flow | ChildWalk[] {
    const h = this.#h;
    if (h.claimed(el) || h.ignored(el) || h.collected?.(el)) return BLOCK;
    const info = h.styles.get(el);
    const kind = h.rules.classify(el, info);
    // Never part of a unit's range (merge and restore move those, a bilingual copy clones them), whatever else it
    // is. Below an element whose children are walked, a pinned one breaks the run itself; an invisible or excluded
    // element is not walked but moves as a whole, so what it holds decides (see holdsPinned).
    if (h.rules.inlineCustom(el)) unpin(el);
    const pinned = isPinned(el);
    if (kind.kind === "invisible") {
      this.#roles.set(el, "invisible");
      if (kind.byStyle) this.result.hidden.push(el);
      return holdsPinned(el) ? BLOCK : INERT_INLINE;
    }
    const inner = childContext(h.rules, el, ctx, preformatted(el, info, ctx.pre));
    const translatable = isTranslatable(inner);
    const inlineDisplay =
      (isInlineDisplay(info.display) ||
        inSentence(el, info.display, (n) => isInlineDisplay(h.styles.get(n).display))) &&
      !ITEM_TAGS.has(tagOf(el)) &&
      !logEntry(el);
    if (this.slots.fallbackHidden(el)) {
      // A slot that draws its assigned nodes draws none of what it holds (its fallback): a placeholder, as if empty.
      this.#roles.set(el, "opaque");
      return inlineDisplay && !holdsPinned(el) ? INERT_INLINE : BLOCK;
    }
    if (kind.kind === "excluded") {
      this.#roles.set(el, "opaque");
      if (kind.reason === "site") this.#aside.add(el);
      if (translatable && !pinned && h.rules.attributesAllowed(el, kind)) this.attributes(el);
      return inlineDisplay && !holdsPinned(el) ? INERT_INLINE : BLOCK;
    }
    if (translatable && !pinned) this.attributes(el);
    this.#countTargetLang(el, ctx, inner);
    const shadow = h.getShadowRoot(el);
    if (shadow || pinned) return this.#boundaryWalks(el, inner, shadow);
    return [
      this.#childWalk(el, inner, translatable, (flows) =>
        this.#elementDone(el, inner, translatable, inlineDisplay, flows),
      ),
    ];
  }

  #countTargetLang(el: Element, ctx: WalkContext, inner: WalkContext): void {
    // Where text already in the target language begins (its own `lang` says so), it is counted as skipped.
    if (inner.inTarget && !ctx.inTarget && isTranslatable({ ...inner, inTarget: false })) {
      if (someText(el, hasLetter)) this.result.skippedTargetLang++;
    }
  }

  #boundaryWalks(el: Element, inner: WalkContext, shadow: ShadowRoot | null): ChildWalk[] {
    // A shadow host is a boundary, as in Firefox's translator: its shadow tree and its light children are walked
    // as separate containers. So is a pinned element (a defined custom element, see isPinned): its content is
    // translated in place, and it stays where it is.
    const light = this.#containerWalk(el, inner);
    const lightDone = light.done;
    light.done = (flows) => {
      lightDone(flows);
      this.#roles.set(el, "opaque");
      return BLOCK;
    };
    if (!shadow) return [light];
    this.#h.onShadowRoot(shadow);
    return [this.#containerWalk(shadow, inner), light];
  }

  #elementDone(
    el: Element,
    inner: WalkContext,
    translatable: boolean,
    inlineDisplay: boolean,
    flows: FlowEntry[],
  ): Flow {
    // Once the element's children were visited: its role and flow, and the units its content makes.
    let allInline = true;
    let letters = false;
    let content = false;
    for (const [, f] of flows) {
      allInline &&= f.inline;
      letters ||= f.letters;
      content ||= f.content;
    }
    if (inlineDisplay && allInline) {
      if (translatable && content && isReferenceMark(el, letters)) {
        // Travels as an empty placeholder, and is no content for the element around it either.
        this.#roles.set(el, "opaque");
        return INERT_INLINE;
      }
      if (translatable) {
        this.#roles.set(el, content ? "inline" : "opaque");
        return { inline: true, letters, content };
      }
      this.ownUnits(flows, inner);
      this.#roles.set(el, "opaque");
      return INERT_INLINE;
    }
    if (translatable) this.runs(el, flows, inner, el);
    else this.ownUnits(flows, inner);
    return BLOCK;
  }

  /** In translatable content: each maximal run of inline children with letters is a unit. */
  runs(parent: Container, flows: FlowEntry[], ctx: WalkContext, root: Element | null): void {
    let run: Node[] = [];
    let letters = false;
    let start = 0;
    const flush = (whole: boolean): void => {
      // A whole element sorts just before its own content.
      if (run.length && letters) this.unit(parent, run, whole ? root : null, ctx, whole ? start - 0.5 : start);
      run = [];
      letters = false;
    };
    for (const [node, f, pos] of flows) {
      if (!f.inline) {
        flush(false);
        continue;
      }
      if (!run.length) start = pos;
      run.push(node);
      letters ||= f.letters;
    }
    flush(run.length === flows.length);
  }

  /** In untranslatable content: inline children re-enabled by translate="yes" or an include rule are units. */
  ownUnits(flows: FlowEntry[], ctx: WalkContext): void {
    for (const [node, f, pos] of flows) {
      if (f.inline && f.letters && isElement(node)) {
        const info = this.#h.styles.get(node);
        const inner = childContext(this.#h.rules, node, ctx, preformatted(node, info, ctx.pre));
        this.unit(node, childNodesOf(node), node, inner, pos);
      }
    }
  }

  /** How `el` lays out its children: a `display: contents` element has no box, its parent's layout holds them. */
  #lineup(el: Element): Lineup {
    let box: Element | null = el;
    while (box && this.#h.styles.get(box).display === "contents") box = composedParentElement(box);
    return box ? this.#h.styles.get(box).lineup : "flow";
  }

  /**
   * The anchor and its nearest ancestors that clamp (a feed title, or a card body clamping a title block): a copy in
   * the anchor lies in their box. Only near ones: a clamp far up (a page section) is the page's layout, not a title's.
   */
  #clamped(anchor: Element): Element[] | undefined {
    const out: Element[] = [];
    let el: Element | null = anchor;
    for (let i = 0; el && i < CLAMP_LEVELS && tagOf(el) !== "body"; i++, el = composedParentElement(el)) {
      if (this.#h.styles.get(el).clamps) out.push(el);
    }
    return out.length ? out : undefined;
  }

  /**
   * How `el` (read as the browser computed `direction` for it) takes a translation's `dir`: the ContentUnitSpec fields
   * of the same names. Its alignment is read only where the translation will run the other way: a style read per unit
   * on every page would be wasted.
   */
  #styleRead(el: Element, direction: TextDirection | undefined, block: boolean): DirectionRead {
    const ownCssDirection = direction !== undefined && direction !== this.#declaredOrInherited(el);
    const elDirection = block ? (direction ?? directionOf(el)) : undefined;
    const startAligned =
      elDirection !== undefined &&
      elDirection !== langDirection(this.#h.rules.targetLang) &&
      alignsAtStart(this.#h.styles.textAlign(el), elDirection);
    const listItem = /\blist-item\b/.test(this.#h.styles.get(el).display);
    return { direction, ownCssDirection, startAligned, listItem };
  }

  /** The direction an element's own `dir` gives it, else its parent's computed one (jsdom has none: undefined). */
  #declaredOrInherited(el: Element): TextDirection | undefined {
    const dir = attrOf(el, "dir")?.trim().toLowerCase();
    if (dir === "ltr" || dir === "rtl") return dir;
    const parent = composedParentElement(el);
    return parent ? knownDirection(this.#h.styles.get(parent).direction) : undefined;
  }

  unit(parent: Container, nodes: Node[], root: Element | null, ctx: WalkContext, order: number): void {
    const roles = this.#roles;
    const options = {
      role: (el: Element) => roles.get(el) ?? "opaque",
      aside: (el: Element) => this.#aside.has(el),
      preformatted: ctx.pre,
    };
    const encoded = encodeUnit(root ?? nodes, options);
    if (!encoded || !hasLetter(encoded.text) || onlyAddressesOrTimestamps(encoded.text)) return;
    const anchor = root ?? (isShadowRoot(parent) ? parent.host : (parent as Element));
    const block = !!root && !isInlineDisplay(this.#h.styles.get(root).display);
    const direction = knownDirection(this.#h.styles.get(anchor).direction);
    const lineup = this.#lineup(anchor);
    const clamped = this.#clamped(anchor);
    const { ownCssDirection, startAligned, listItem } = root ? this.#styleRead(root, direction, block) : NO_READ;
    // The element a run lies in (not a shadow root's host: the run is not its light content).
    const anchorRead =
      root || isShadowRoot(parent)
        ? undefined
        : this.#styleRead(anchor, direction, !isInlineDisplay(this.#h.styles.get(anchor).display));
    const unseen = screenReaderOnly(anchor, this.#h.styles) || undefined;
    const max = this.#h.maxUnitChars ?? Infinity;
    const pieces = oversized(encoded, max) ? splitOversized(encoded, max, (run) => encodeUnit(run, options)) : [];
    // What the unit and any pieces it is cut into share (a piece's copy goes under the whole element, as the
    // element's would: display/bilingual.ts).
    const shared = {
      kind: "content" as const,
      anchor,
      block,
      direction,
      lineup,
      clamped,
      ...(unseen ? { unseen } : {}),
    };
    if (pieces.length < 2) {
      this.result.content.push({
        ...shared,
        root,
        nodes: root ? childNodesOf(root) : nodes,
        encoded,
        order,
        ownCssDirection,
        startAligned,
        listItem,
        ...(anchorRead ? { anchorRead } : {}),
      });
      return;
    }
    // Too long for one request: runs of its nodes, each a unit of its own, in order.
    pieces.forEach((piece, i) => {
      if (!hasLetter(piece.encoded.text)) return;
      // The element it is cut from is marked as a whole (anchorRead), once every run of it is translated: a cut
      // element read as a root, a cut run's element as a run's.
      this.result.content.push({
        ...shared,
        root: null,
        nodes: piece.nodes,
        encoded: piece.encoded,
        order: order + i / (pieces.length + 1) / 2,
        ownCssDirection: false,
        startAligned: false,
        listItem: false,
        part: true,
        partsEnd: encoded.nodes[encoded.nodes.length - 1],
        anchorRead: anchorRead ?? { direction, ownCssDirection, startAligned, listItem },
      });
    });
  }
}

const BUTTONS = "button, [role=button]";

/**
 * A button drawn as an inline box (inline-block, as browsers draw it) between the words of a sentence ("Klicken Sie
 * [hier] und …", "<b>Hier</b>[klicken] …"): part of the sentence's run, else the sentence is sent, and its
 * translation shown, in halves. A row of buttons (a toolbar) stands between spaces or links, and a form's labels and
 * buttons side by side between no text: each stays a phrase of its own.
 */
function inSentence(el: Element, display: string, inline: (el: Element) => boolean): boolean {
  // Words on a side: text, or words the page set in an inline element (bold, italic), not a link, label or control.
  const words = (n: Node | null, has: (text: string) => boolean): boolean =>
    isText(n)
      ? has(n.data)
      : isElement(n) && inline(n) && !isMatch(n, `a,label,${BUTTONS}`) && has(n.textContent ?? "");
  return (
    display.startsWith("inline-") &&
    isMatch(el, BUTTONS) &&
    words(el.previousSibling, hasLetter) &&
    words(el.nextSibling, hasNonSpace)
  );
}

/**
 * An entry of a live region that grows by entries (a chat log, a comment stream: role="log", aria-live): a unit of its
 * own, like an item, so a new one is sent alone and those already translated are left as they are. Only where the
 * region's own text has no letters: a live sentence with formatting ("Du hast <b>drei</b> neue Nachrichten") is one.
 */
function logEntry(el: Element): boolean {
  const region = parentElementOf(el);
  // Two attribute reads, not a selector match: asked of every inline element a walk meets.
  const live = region && attrOf(region, "aria-live");
  if (!region || (attrOf(region, "role") !== "log" && (live == null || live === "off"))) return false;
  for (let c = region.firstChild; c; c = c.nextSibling) if (isText(c) && hasLetter(c.data)) return false;
  return true;
}

/** A run's own fields: no element of its own takes a mark. */
const NO_READ: DirectionRead = { direction: undefined, ownCssDirection: false, startAligned: false, listItem: false };

/** `text-align` names the side where text running `direction` starts (`left`, `-webkit-left` in left to right). */
function alignsAtStart(textAlign: string, direction: TextDirection): boolean {
  return textAlign.replace(/^-(?:webkit|moz)-/, "") === (direction === "rtl" ? "right" : "left");
}

function knownDirection(computed: string): TextDirection | undefined {
  return computed === "rtl" || computed === "ltr" ? computed : undefined;
}

/** Collect the units at and below `start` (an element, usually the body, or a shadow root). */
export function collectUnits(start: Container, hooks: CollectHooks): CollectResult {
  const collector = new Collector(hooks);
  const ctx = contextAt(hooks.rules, start, (el) => hooks.styles.get(el), composedParent);
  // A walk after a page change may start inside a host's light child that no slot shows.
  if (!ctx || !collector.slots.pathShown(start)) return collector.result;
  if (isShadowRoot(start)) collector.walkContainer(start, ctx);
  else {
    const f = collector.visitElement(start, ctx);
    if (f.inline && f.letters) {
      // The walk started at inline content (e.g. a root that is a <span>): nothing above will take it: it is a unit.
      const info = hooks.styles.get(start);
      const inner = childContext(hooks.rules, start, ctx, preformatted(start, info, ctx.pre));
      collector.unit(start, childNodesOf(start), start, inner, -1);
    }
  }
  return inOrder(collector.result);
}

/** The result with its units in document order (they are made children first). */
function inOrder(result: CollectResult): CollectResult {
  result.content.sort((a, b) => a.order - b.order);
  return result;
}

/**
 * Collect the units among `parent`'s children from `first` up to `end` (not included): content between two of its
 * children laid out as blocks (see run-bounds.ts), as a walk of the whole parent would collect it there.
 */
export function collectRun(
  parent: Container,
  first: ChildNode,
  end: ChildNode | null,
  hooks: CollectHooks,
): CollectResult {
  const collector = new Collector(hooks);
  const ctx = contextAt(hooks.rules, first, (el) => hooks.styles.get(el), composedParent);
  if (!ctx || !collector.slots.pathShown(first)) return collector.result;
  collector.walkChildren(parent, ctx, first, end);
  return inOrder(collector.result);
}

/** Collect only the translatable attributes of one element (after the page changed one of them). */
export function collectAttributes(el: Element, hooks: CollectHooks): AttributeUnitSpec[] {
  const collector = new Collector(hooks);
  const ctx = contextAt(hooks.rules, el, (e) => hooks.styles.get(e), composedParent);
  if (!ctx || hooks.ignored(el) || keepsOwnAttributes(el)) return [];
  const info = hooks.styles.get(el);
  const kind = hooks.rules.classify(el, info);
  const inner = childContext(hooks.rules, el, ctx, preformatted(el, info, ctx.pre));
  if (!isTranslatable(inner) || !hooks.rules.attributesAllowed(el, kind)) return [];
  collector.attributes(el);
  return collector.result.attributes;
}
