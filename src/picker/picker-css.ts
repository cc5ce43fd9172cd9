// How the picker looks: the shield over the page, the outline and its label, the hint, and the panel (forced colours
// and touch screens included).
import { CARD_END_CSS } from "../session/element";

export const PICKER_CSS = `
[hidden] { display: none !important; }
.shield { position: fixed; inset: 0; z-index: 2147483645; cursor: crosshair; background: transparent;
  user-select: none; -webkit-user-select: none; }
.box { position: fixed; z-index: 2147483646; box-sizing: border-box; pointer-events: none; border: 2px solid #2563eb;
  background: rgba(37,99,235,.15); border-radius: 2px; }
.label, .hint { position: fixed; z-index: 2147483646; pointer-events: none; max-width: calc(100vw - 16px);
  box-sizing: border-box; padding: 2px 6px; border-radius: 4px; background: #111827; color: #f9fafb; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
.hint { top: 8px; left: 50%; transform: translateX(-50%); width: max-content; white-space: normal; text-align: center;
  font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
@media (forced-colors: active) {
  .box { forced-color-adjust: none; border: 3px solid Highlight; background: transparent;
    outline: 1px solid Canvas; }
  .label, .hint { forced-color-adjust: none; background: Highlight; color: HighlightText;
    border: 1px solid CanvasText; }
}
.card { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; box-sizing: border-box;
  width: min(380px, calc(100vw - 32px)); padding: 10px 12px 12px; border-radius: 10px; background: #111827;
  color: #f9fafb; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
  box-shadow: 0 6px 24px rgba(0,0,0,.35); display: grid; grid-template-columns: 1fr auto; gap: 6px 8px; }
h2 { margin: 0; font-size: 14px; }
.fields, .said, .actions { grid-column: 1 / -1; }
.fields { display: grid; gap: 4px; }
label { font-weight: 600; }
input { font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; color: #111827; background: #f9fafb;
  border: 1px solid #9ca3af; border-radius: 4px; padding: 3px 6px; }
.note { margin: 0 0 4px; color: #d1d5db; font-size: 12px; }
.said p { margin: 0; }
.said.problem { color: #fecaca; }
.actions { display: flex; gap: 6px; justify-content: flex-end; }
button { font: inherit; color: inherit; background: rgba(255,255,255,.12); border: 1px solid rgba(255,255,255,.3);
  border-radius: 6px; padding: 2px 10px; cursor: pointer; }
button.primary { background: #2563eb; border-color: #2563eb; }
${CARD_END_CSS}
`;
