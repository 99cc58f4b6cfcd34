// <tessera-survey survey="post-purchase" [locale="de"] [dismissible]>
//
// Starts a session in the core, renders its view model in Shadow DOM, sends
// answers and navigation to the core, and delivers the sealed record.
// Events (bubbling, composed): `complete` {surveyId, idempotencyKey,
// answers, delivered}, `dismiss` {surveyId}, `error` {code, message, path}.

import { TesseraError } from './errors.js';
import { randomHex } from './core.js';
import { surveySheet } from './survey-styles.js';
import { SurveyView } from './survey-view.js';
import { deliver } from './transport.js';
import { runtime } from './runtime.js';

export class TesseraSurveyElement extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [surveySheet()];
    this.start().catch((e) => this.fail(e));
  }

  disconnectedCallback() {
    if (this.session && this.engine) {
      try {
        this.engine.call('survey.close', { sessionId: this.session });
      } catch { /* already closed */ }
      this.session = null;
    }
  }

  async start() {
    const instance = await runtime.ready();
    this.instance = instance;
    this.engine = instance.engine;
    const surveyId = this.getAttribute('survey');
    const locale = this.getAttribute('locale') || instance.locale;
    const { sessionId, view } = this.engine.call('survey.start',
      { surveyId, locale, startedAt: Date.now() });
    this.session = sessionId;
    this.surveyId = surveyId;
    this.view = new SurveyView(this.shadowRoot, {
      answer: (id, value) => this.guard(() => this.answer(id, value)),
      submit: () => this.guard(() => this.submit()),
      back: () => this.guard(() => this.show(this.engine.call('survey.back', { sessionId }).view)),
      dismiss: this.hasAttribute('dismissible') ? () => this.guard(() => this.dismiss()) : null,
    });
    this.show(view);
  }

  show(view) {
    this.current = view;
    this.view.render(view);
  }

  answer(questionId, value) {
    const v = value === '' ? null : value;
    this.show(this.engine.call('survey.answer', { sessionId: this.session, questionId, value: v }).view);
  }

  async submit() {
    const sessionId = this.session;
    if (!this.current.nav.isLast) {
      const { moved, view } = this.engine.call('survey.next', { sessionId });
      this.show(view);
      if (!moved) this.view.focusFirstError(view);
      return;
    }
    const result = this.engine.call('survey.complete',
      { sessionId, completedAt: Date.now(), entropy: randomHex(48) });
    this.show(result.view);
    if (!result.completed) {
      this.view.focusFirstError(result.view);
      return;
    }
    const { delivery, record } = result;
    let delivered = false;
    try {
      await deliver(this.instance.endpoint ?? delivery.endpoint, delivery.body);
      delivered = true;
    } catch (e) {
      this.fail(e);
    }
    this.emit('complete', { surveyId: record.surveyId, idempotencyKey: record.idempotencyKey,
                            answers: record.answers, delivered });
  }

  dismiss() {
    this.engine.call('survey.dismiss', { sessionId: this.session });
    this.emit('dismiss', { surveyId: this.surveyId });
    this.hidden = true;
  }

  async guard(fn) {
    try {
      await fn();
    } catch (e) {
      this.fail(e);
    }
  }

  fail(e) {
    const err = e instanceof TesseraError ? e : new TesseraError('internal', String(e?.message ?? e));
    // A survey that cannot start shows nothing rather than something broken.
    if (!this.current) this.hidden = true;
    this.emit('error', err.toJSON());
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    this.instance?.emit(type, detail);
  }
}
