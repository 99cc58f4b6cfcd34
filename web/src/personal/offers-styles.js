// Styles of <tessera-offers>, adopted as a constructed stylesheet (no inline
// <style>, so `style-src 'self'` pages work). Themed with the same custom
// properties as <tessera-survey>.

const css = `
:host {
  --_accent: var(--tessera-accent, #1d4ed8);
  --_fg: var(--tessera-fg, #1f2937);
  --_muted: var(--tessera-muted, #4b5563);
  --_bg: var(--tessera-bg, #ffffff);
  --_border: var(--tessera-border, #6b7280);
  --_radius: var(--tessera-radius, 10px);
  --_space: var(--tessera-space, 16px);
  display: block;
  font-family: var(--tessera-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: 16px;
  line-height: 1.5;
  color: var(--_fg);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
h2 { font-size: 1.25rem; margin: 0 0 calc(var(--_space) / 2); }
ul.offers {
  list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_space);
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
}
li.offer {
  background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius);
  padding: var(--_space); display: flex; flex-direction: column; gap: 0.5rem;
}
li.offer img { max-width: 100%; height: auto; border-radius: calc(var(--_radius) / 2); }
.title { font-weight: 600; margin: 0; font-size: 1.05rem; }
.text { margin: 0; color: var(--_muted); }
a { color: var(--_accent); }
button {
  font: inherit; color: var(--_accent); background: transparent; border: 1px solid var(--_accent);
  border-radius: 6px; padding: 0.25rem 0.75rem; cursor: pointer; align-self: flex-start;
}
button:focus-visible, a:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
.why { margin: 0; font-size: 0.95rem; color: var(--_fg); }
.why[hidden], .data[hidden] { display: none; }
.data {
  margin-top: var(--_space); border: 1px solid var(--_border); border-radius: var(--_radius);
  padding: var(--_space); background: var(--_bg);
}
.data pre { white-space: pre-wrap; max-height: 20rem; overflow: auto; font-size: 0.85rem; }
.actions { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-top: var(--_space); }
`;

let sheet = null;

export function offersSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
