// Public API of the Tessera embed: the loader (web/src/loader.js, this
// file's `Tessera`) and the runtime module (web/src/tessera.js, typed in
// tessera-runtime.d.ts with the shared types from here). Mirrors docs/api.md,
// docs/triggers.md and docs/engine-api.md; type-checked by
// web/types/tessera-tests.ts (`npx tsc --noEmit -p web/types`).

/** The one error shape that crosses from the core into JS. */
export interface TesseraErrorDetail {
  /** A code from include/tessera/common/status.hpp (mirrored in web/src/errors.js). */
  code: string;
  message: string;
  /** JSON pointer into the input that was wrong ("" when none). */
  path: string;
}

export type Placement = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'center' | 'inline';

/** Why a due survey was not shown or was cancelled. */
export type TriggerReason =
  | 'none' | 'no_trigger' | 'event' | 'url' | 'schedule' | 'display_policy' | 'recontact'
  | 'audience' | 'sample';

/** Loyalty balance as the core computes it (see docs/loyalty.md). */
export interface PointsEvent {
  points: number;
  /** null on the first report of the page. */
  previous: number | null;
  pending: number;
  /** Points claimed by the browser, awaiting the merchant's confirmation. */
  claimed: number;
}

export interface TierEvent {
  /** The tier id from the loyalty program. */
  tier: string;
  name: string;
  previous: string | null;
}

export interface TesseraEvents {
  shown: { surveyId: string; placement: Placement };
  pending: { surveyId: string; delayMs: number };
  cancelled: { surveyId: string; reason: TriggerReason };
  dismiss: { surveyId: string };
  partial: { surveyId: string };
  complete: {
    surveyId: string;
    idempotencyKey: string;
    answers: Record<string, unknown>;
    /** false while the record waits in the outbox (offline); it is sent later. */
    delivered: boolean;
  };
  points: PointsEvent;
  tier: TierEvent;
  error: TesseraErrorDetail;
}

export type TesseraEventType = keyof TesseraEvents;
export type Unsubscribe = () => void;

export interface LoaderOptions {
  /** URL of the site config JSON; or pass `config`. */
  configUrl?: string;
  /** The site config itself (object or JSON text). */
  config?: object | string;
  /** Where tessera-core.mjs lives; default beside tessera.js. */
  coreUrl?: string;
}

/** The loader's global (`window.Tessera`) and named export. */
export interface TesseraLoader {
  init(options: LoaderOptions): Promise<unknown | null>;
  on<K extends TesseraEventType>(type: K, fn: (detail: TesseraEvents[K]) => void): Unsubscribe;
  /** A code action; fires surveys whose trigger has {"type":"track","name":name}. */
  track(name: string, props?: Record<string, unknown>): void;
  /** Attributes for audience expressions ({attributes.<name>}). */
  setAttributes(attributes: Record<string, string | number | boolean | null>): void;
  readonly attributes: Record<string, string | number | boolean | null>;
}

export declare const Tessera: TesseraLoader;

declare global {
  interface Window {
    Tessera: TesseraLoader;
  }
}
