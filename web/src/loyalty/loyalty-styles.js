// Styles of <tessera-badge> and <tessera-points-preview>: a constructed
// stylesheet (CSP-strict, no inline style) themed by the same CSS custom
// properties as <tessera-survey> (--tessera-accent, -bg, -fg, -muted,
// -border, -radius, -space, -font).

export const loyaltyCss = `
:host {
  --_accent: var(--tessera-accent, #1d4ed8);
  --_bg: var(--tessera-bg, #ffffff);
  --_fg: var(--tessera-fg, #1f2937);
  --_muted: var(--tessera-muted, #4b5563);
  --_border: var(--tessera-border, #6b7280);
  --_radius: var(--tessera-radius, 10px);
  --_space: var(--tessera-space, 16px);
  display: inline-block;
  max-width: 100%;
  font-family: var(--tessera-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: 14px;
  line-height: 1.4;
  color: var(--_fg);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.card {
  background: var(--_bg);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  padding: calc(var(--_space) / 2) var(--_space);
  min-width: min(16em, 100%);
}
.points { font-size: 1.5em; font-weight: 700; }
.muted { color: var(--_muted); }
.tier { display: flex; justify-content: space-between; gap: 1em; margin-top: 0.25em; }
.bar {
  position: relative;
  height: 0.6em;
  border: 1px solid var(--_border);
  border-radius: 999px;
  overflow: hidden;
  margin: 0.25em 0;
}
.fill { height: 100%; background: var(--_accent); }
ul { margin: 0.25em 0 0; padding-inline-start: 1.2em; }
.badges { display: flex; flex-wrap: wrap; gap: 0.25em; list-style: none; padding: 0; }
.badge {
  border: 1px solid var(--_accent);
  border-radius: 999px;
  padding: 0 0.6em;
}
.badge.locked { border-color: var(--_border); color: var(--_muted); }
button {
  font: inherit;
  color: var(--_accent);
  background: none;
  border: none;
  padding: 0;
  text-decoration: underline;
  cursor: pointer;
}
button:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
`;

let sheet = null;

export function loyaltySheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(loyaltyCss);
  }
  return sheet;
}
