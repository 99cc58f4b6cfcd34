// Shows a triggered survey in its placement: a corner card or, for
// "center", a modal <dialog>. The native modal dialog gives what a modal
// needs without hand-written traps: the rest of the page is inert (focus
// stays in), Escape raises `cancel` (treated as a dismissal), and focus goes
// back to where it was on close. "inline" fills the page's own
// <tessera-slot survey="id"> if there is one, else falls back to a corner.
//
// The container lives in a shadow root whose :host rules are !important,
// which beats the host page's rules even when those are !important too,
// so a hostile host stylesheet cannot hide, move or restyle it.

const STYLES = `
:host { all: initial !important; display: contents !important; }
dialog, div { box-sizing: border-box; margin: 0; padding: 0; border: 0; background: transparent;
  width: min(420px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto; }
div.corner { position: fixed; inset: auto; z-index: 2147483000; }
div.bottom-right { right: 16px; bottom: 16px; }
div.bottom-left { left: 16px; bottom: 16px; }
div.top-right { right: 16px; top: 16px; }
div.top-left { left: 16px; top: 16px; }
dialog.center { margin: auto; }
dialog::backdrop { background: rgb(0 0 0 / 0.45); }
`;

let sheet = null;

export function showSurvey(due, { onDismiss, onComplete, onClose }) {
  sheet ??= new CSSStyleSheet();
  if (!sheet.cssRules.length) sheet.replaceSync(STYLES);
  const slot = due.placement === 'inline' ?
    document.querySelector(`tessera-slot[survey="${CSS.escape(due.surveyId)}"]`) : null;
  const host = document.createElement('tessera-placement');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheet];
  const modal = due.placement === 'center';
  // Only the modal is a <dialog>: show() on a corner card would move focus
  // into it, and a survey in the corner should not take the keyboard away.
  const dialog = document.createElement(modal ? 'dialog' : 'div');
  const where = slot || modal ? due.placement : `corner ${due.placement === 'inline' ? 'bottom-right' : due.placement}`;
  dialog.className = where;
  dialog.dataset.survey = due.surveyId;
  const survey = document.createElement('tessera-survey');
  survey.setAttribute('survey', due.surveyId);
  survey.setAttribute('dismissible', '');
  dialog.append(survey);
  root.append(dialog);
  (slot ?? document.body).append(host);

  const opener = document.activeElement;
  let closed = false;
  function close() {
    if (closed) return;
    closed = true;
    if (dialog.open) dialog.close();
    host.remove();
    // The dialog restores focus itself; this covers a host element removed
    // before close() and browsers that do not.
    if (modal && opener?.isConnected && document.activeElement !== opener) opener.focus?.();
    onClose();
  }

  survey.addEventListener('dismiss', () => {
    onDismiss();
    close();
  });
  survey.addEventListener('complete', () => {
    onComplete();
    // Leave the thank-you on screen briefly; a modal closes on Escape.
    setTimeout(close, 4000);
  });
  if (!slot) {
    dialog.addEventListener('cancel', (ev) => {
      ev.preventDefault();
      escape();
    });
    // A corner card is not modal, but Escape inside it still dismisses.
    dialog.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && !modal) escape();
    });
    dialog.setAttribute('aria-label', 'Survey');
    if (modal) {
      dialog.showModal();
      trapFocus(dialog, survey);
    }
    else dialog.setAttribute('role', 'complementary');
  }

  // Escape is a dismissal, never an answer; after completion it just closes.
  function escape() {
    if (survey.current?.state === 'in_progress') survey.dismiss();
    else close();
  }
  return { close, element: survey };
}

// The tab stops inside the survey's shadow root, in order (a roving radio
// group contributes only its tabindex=0 radio).
function tabStops(survey) {
  const root = survey.shadowRoot;
  if (!root) return [];
  return [...root.querySelectorAll('button, [href], input, select, textarea, [tabindex]')]
    .filter((el) => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0);
}

// showModal() makes the page inert, but Tab from the last control still
// leaves for the browser's own UI; wrap it so focus cycles inside. Focus
// moves to the first control once the survey has rendered.
function trapFocus(dialog, survey) {
  dialog.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Tab') return;
    const stops = tabStops(survey);
    const active = survey.shadowRoot?.activeElement ?? null;
    if (!stops.length) {
      ev.preventDefault();
      return;
    }
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (!ev.shiftKey && (active === last || !stops.includes(active))) {
      ev.preventDefault();
      first.focus();
    } else if (ev.shiftKey && (active === first || !stops.includes(active))) {
      ev.preventDefault();
      last.focus();
    }
  });
  let frames = 0;
  const moveIn = () => {
    const stops = tabStops(survey);
    if (stops.length && !survey.shadowRoot.activeElement) stops[0].focus();
    else if (!stops.length && frames++ < 120) requestAnimationFrame(moveIn);
  };
  requestAnimationFrame(moveIn);
}
