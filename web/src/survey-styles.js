// Styles of <tessera-survey>, adopted into its shadow root as a constructed
// stylesheet: nothing leaks in or out, and no inline <style> is needed, so a
// page with `style-src 'self'` works. Theme with CSS custom properties set on
// the element or any ancestor (they inherit through the shadow boundary).

export const surveyCss = `
:host {
  --_accent: var(--tessera-accent, #1d4ed8);
  --_accent-fg: var(--tessera-accent-fg, #ffffff);
  --_bg: var(--tessera-bg, #ffffff);
  --_fg: var(--tessera-fg, #1f2937);
  --_muted: var(--tessera-muted, #4b5563);
  --_border: var(--tessera-border, #6b7280);
  --_error: var(--tessera-error, #b91c1c);
  --_radius: var(--tessera-radius, 10px);
  --_space: var(--tessera-space, 16px);
  display: block;
  font-family: var(--tessera-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: 16px;
  line-height: 1.5;
  color: var(--_fg);
}
@media (prefers-color-scheme: dark) {
  :host([theme="auto"]) {
    --_accent: var(--tessera-accent, #93c5fd);
    --_accent-fg: var(--tessera-accent-fg, #0b1220);
    --_bg: var(--tessera-bg, #111827);
    --_fg: var(--tessera-fg, #f3f4f6);
    --_muted: var(--tessera-muted, #d1d5db);
    --_border: var(--tessera-border, #9ca3af);
    --_error: var(--tessera-error, #fca5a5);
  }
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.card {
  background: var(--_bg);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  padding: var(--_space);
  max-width: 40rem;
  container-type: inline-size;
}
h2 { font-size: 1.25rem; margin: 0 0 calc(var(--_space) / 2); }
.progress { color: var(--_muted); font-size: 0.875rem; margin: 0 0 var(--_space); }
form { margin: 0; }
.question { border: 0; margin: 0 0 var(--_space); padding: 0; min-width: 0; }
.q-title { display: block; font-weight: 600; margin-bottom: 4px; padding: 0; }
.q-description { color: var(--_muted); margin: 0 0 8px; }
.optional { font-weight: 400; color: var(--_muted); }
.scale {
  display: grid;
  grid-template-columns: repeat(var(--points, 11), minmax(0, 1fr));
  gap: 4px;
}
.scale.points-2, .scale.points-3, .scale.points-4, .scale.points-5,
.scale.points-2 + .ends, .scale.points-3 + .ends, .scale.points-4 + .ends,
.scale.points-5 + .ends { max-width: 24rem; }
.point.stars { font-size: 1.5rem; }
.point .face { display: block; }
.point.stars .star { color: var(--_border); }
.point.stars.filled .star, .point.stars[aria-checked="true"] .star { color: inherit; }
.scale [role="radio"].stars[aria-checked="true"],
.scale [role="radio"].stars.filled { background: var(--_accent); color: var(--_accent-fg); }
fieldset.question { border: 0; padding: 0; margin: 0 0 var(--_space); min-width: 0; }
legend.q-title { float: none; width: 100%; }
.options { display: grid; gap: 4px; }
.options.inline { display: flex; gap: 16px; flex-wrap: wrap; }
.option { display: flex; align-items: center; gap: 8px; min-height: 44px; }
.option input { width: 20px; height: 20px; margin: 0; accent-color: var(--_accent); flex: none; }
.option label { cursor: pointer; }
select, .other-text {
  font: inherit; color: var(--_fg); background: var(--_bg); min-height: 44px;
  border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2); padding: 8px;
  width: 100%;
}
.other-text { margin-top: 4px; }
.statement { margin: 0 0 8px; }
.page-title { font-size: 1.0625rem; margin: 0 0 8px; }
.matrix-wrap { overflow-x: auto; }
table.matrix { border-collapse: collapse; width: 100%; }
table.matrix th, table.matrix td { padding: 6px; text-align: center; font-weight: 400; }
table.matrix th[scope="row"] { text-align: start; }
table.matrix thead th { font-size: 0.875rem; color: var(--_muted); }
table.matrix tbody tr:nth-child(odd) { background: color-mix(in srgb, var(--_border) 10%, transparent); }
table.matrix input { width: 20px; height: 20px; accent-color: var(--_accent); }
ol.ranking { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
.rank-position {
  min-width: 1.75rem; height: 1.75rem; border-radius: 50%; display: inline-flex;
  align-items: center; justify-content: center; font-weight: 700;
  background: var(--_accent); color: var(--_accent-fg);
}
.rank-item {
  display: flex; align-items: center; gap: 8px; padding: 4px 8px;
  border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2);
}
.rank-label { flex: 1; }
button.rank-move {
  min-width: 44px; padding: 0; background: var(--_bg); color: var(--_accent);
}
button.rank-move:disabled { opacity: 0.35; cursor: default; }
.scale [role="radio"] {
  min-height: 44px;
  min-width: 0;
  display: flex;
  align-items: center;
  justify-content: center;
  border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) / 2);
  background: var(--_bg);
  color: var(--_fg);
  font: inherit;
  font-variant-numeric: tabular-nums;
  cursor: pointer;
  user-select: none;
}
.scale [role="radio"]:hover { border-color: var(--_accent); }
.scale [role="radio"][aria-checked="true"] {
  background: var(--_accent);
  border-color: var(--_accent);
  color: var(--_accent-fg);
  font-weight: 700;
}
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
.ends {
  display: flex;
  justify-content: space-between;
  gap: 8px;
  color: var(--_muted);
  font-size: 0.875rem;
  margin-top: 4px;
}
textarea, input[type="text"], input[type="email"], input[type="url"], input[type="number"] {
  width: 100%;
  font: inherit;
  color: var(--_fg);
  background: var(--_bg);
  border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) / 2);
  padding: 8px;
}
textarea { min-height: 5rem; resize: vertical; }
.counter { color: var(--_muted); font-size: 0.875rem; margin: 4px 0 0; }
.error { color: var(--_error); font-weight: 600; margin: 4px 0 0; }
.error:empty { display: none; }
[aria-invalid="true"] { border-color: var(--_error); }
.scale[aria-invalid="true"] [role="radio"] { border-color: var(--_error); }
.nav { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; }
button {
  font: inherit;
  min-height: 44px;
  padding: 8px 20px;
  border-radius: calc(var(--_radius) / 2);
  border: 1px solid var(--_accent);
  cursor: pointer;
}
button.primary { background: var(--_accent); color: var(--_accent-fg); }
button.secondary { background: var(--_bg); color: var(--_accent); }
button:disabled { opacity: 0.6; cursor: progress; }
.close {
  float: inline-end;
  min-height: 44px;
  min-width: 44px;
  padding: 0;
  background: transparent;
  border: 0;
  color: var(--_muted);
  font-size: 1.5rem;
  line-height: 1;
}
.thanks { font-size: 1.125rem; margin: 0; }
.goodwill {
  margin: var(--_space) 0 0;
  padding: 8px 12px;
  border-inline-start: 4px solid var(--_accent);
  background: color-mix(in srgb, var(--_accent) 8%, transparent);
}
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap;
}
/* Narrow phones (320 px): eleven targets still fit in one row. */
@container (max-width: 300px) {
  .scale { gap: 2px; }
  .scale [role="radio"] { font-size: 0.875rem; border-radius: 4px; }
}
@media (max-width: 360px) {
  .card { padding: 12px; }
}
@media (prefers-reduced-motion: no-preference) {
  .scale [role="radio"] { transition: background-color 120ms, border-color 120ms; }
}
`;

let sheet = null;
/** One shared constructed stylesheet for every survey on the page. */
export function surveySheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(surveyCss);
  }
  return sheet;
}
