// What the writing card says when there is no text box Gloss may translate: none has the focus, it is in an embedded
// frame (of this site, or of another one Gloss may not enter), in a closed component, read-only, not a text box, or
// one the reader cannot see.
import type { FrameAccess } from "../shared/messages";
import { frameOutOfReachText } from "../shared/frame-reach-text";
import type { EditableField, FocusedField } from "./field";
import type { CardState } from "./writing-card";

type FieldProblem = Exclude<FocusedField, { field: EditableField }>["problem"];

const FIELD_PROBLEMS: Record<FieldProblem, string> = {
  none: "Click into the text box you wrote in, then ask Gloss again.",
  frame: "Gloss cannot reach this text box: it is inside an embedded frame of the page.",
  unreachable: "Gloss cannot see into this text box: the page keeps it in a closed component.",
  "read-only": "This text box cannot be edited.",
  unsupported: "Gloss translates text boxes and editors, not this kind of field.",
};

/** The focus is in a box the reader cannot see (unseen-field.ts): its text, likely the page's own, is left alone. */
const UNSEEN_FIELD = "The focus is in a text box you cannot see, so Gloss left it alone.";

/** Why there is no box to translate; `frameNote` says how to reach a box in a frame (the extension's menu can). */
export function fieldProblem(problem: FieldProblem, frameNote: string | undefined): CardState {
  const note = problem === "frame" ? frameNote : undefined;
  return { kind: "problem", message: FIELD_PROBLEMS[problem], ...(note ? { notes: [note] } : {}) };
}

/** The box with the focus is one the reader cannot see. */
export const unseenFieldProblem = (): CardState => ({
  kind: "problem",
  message: UNSEEN_FIELD,
  notes: [FIELD_PROBLEMS.none],
});

/** Why a box embedded from `site` is out of reach, and how the user lets Gloss in (see background/frame-command.ts). */
export function outOfReach(site: string, access: FrameAccess): CardState {
  const { message, note } = frameOutOfReachText(site, access, "writing");
  return { kind: "problem", message, notes: [note] };
}
