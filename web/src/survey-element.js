// <tessera-survey survey="post-purchase" [locale="de"] [dismissible]>
//
// Starts a session in the core, renders its view model in Shadow DOM, sends
// answers and navigation to the core, and delivers the sealed record.
// Events (bubbling, composed): `complete` {surveyId, idempotencyKey,
// answers, delivered, goodwill?: {points, status: "claim", event}},
// `partial` {surveyId}, `dismiss` {surveyId},
// `error` {code, message, path}.

import { TesseraError } from './errors.js';
import { randomHex } from './core.js';
import { surveySheet } from './survey-styles.js';
import { SurveyView } from './survey-view.js';
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
    this.surveyId = surveyId;
    const locale = this.getAttribute('locale') || instance.locale;
    const { sessionId, view } = this.resume() ?? this.engine.call('survey.start',
      { surveyId, locale, startedAt: Date.now(), entropy: randomHex(16) });
    this.session = sessionId;
    this.view = new SurveyView(this.shadowRoot, {
      answer: (id, value) => this.guard(() => this.answer(id, value)),
      submit: () => this.guard(() => this.submit()),
      back: () => this.guard(() => this.show(this.engine.call('survey.back', { sessionId }).view)),
      dismiss: this.hasAttribute('dismissible') ? () => this.guard(() => this.dismiss()) : null,
    });
    this.show(view);
  }

  // A survey in progress survives a reload: the core's snapshot is kept in
  // sessionStorage and checked again by the core when it is read back.
  get snapshotKey() {
    return `tessera:survey:${this.surveyId}`;
  }

  resume() {
    let text = null;
    try {
      text = sessionStorage.getItem(this.snapshotKey);
    } catch { /* storage blocked: start fresh */ }
    if (!text) return null;
    try {
      return this.engine.call('survey.resume', { snapshot: JSON.parse(text) });
    } catch {
      this.forgetSnapshot();
      return null;
    }
  }

  saveSnapshot() {
    try {
      const { snapshot } = this.engine.call('survey.snapshot', { sessionId: this.session });
      sessionStorage.setItem(this.snapshotKey, JSON.stringify(snapshot));
    } catch { /* best effort */ }
  }

  forgetSnapshot() {
    try {
      sessionStorage.removeItem(this.snapshotKey);
    } catch { /* best effort */ }
  }

  show(view) {
    this.current = view;
    this.view.render(view);
  }

  answer(questionId, value) {
    const v = value === '' ? null : value;
    this.show(this.engine.call('survey.answer', { sessionId: this.session, questionId, value: v }).view);
    this.saveSnapshot();
  }

  async submit() {
    const sessionId = this.session;
    if (!this.current.nav.isLast) {
      const result = this.engine.call('survey.next',
        { sessionId, at: Date.now(), entropy: randomHex(32) });
      this.show(result.view);
      if (!result.moved) {
        this.view.focusFirstError(result.view);
        return;
      }
      this.saveSnapshot();
      if (result.delivery) {
        this.send(result.delivery).then((ok) => ok && this.emit('partial', { surveyId: this.surveyId }));
      }
      return;
    }
    const result = this.engine.call('survey.complete',
      { sessionId, completedAt: Date.now(), entropy: randomHex(32) });
    this.show(result.view);
    if (!result.completed) {
      this.view.focusFirstError(result.view);
      return;
    }
    this.forgetSnapshot();
    const { delivery, record } = result;
    const delivered = await this.send(delivery);
    if (result.goodwill) {
      // The engine recorded the offer as a loyalty claim; Tessera.loyalty
      // stores the ledger and refreshes <tessera-badge>.
      document.dispatchEvent(new CustomEvent('tessera:goodwill', { detail: result.goodwill }));
    }
    this.emit('complete', { surveyId: record.surveyId, idempotencyKey: record.idempotencyKey,
                            answers: record.answers, delivered,
                            ...(result.goodwill ? { goodwill: result.goodwill } : {}) });
  }

  // Through the page's outbox: persisted first, so a record survives being
  // offline and a reload. True once the collector has it; false while it
  // waits in the queue (or was refused: the outbox reports that as `error`).
  async send(delivery) {
    try {
      const state = await this.instance.outbox.send(this.instance.endpoint ?? delivery.endpoint,
                                                    delivery.body);
      return state === 'delivered';
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  dismiss() {
    this.engine.call('survey.dismiss', { sessionId: this.session });
    this.forgetSnapshot();
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
