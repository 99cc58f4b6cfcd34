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
    /** A service-recovery goodwill offer, recorded as a loyalty claim. */
    goodwill?: GoodwillClaim;
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

/** A Tessera survey definition (include/tessera/survey/definition.hpp). */
export interface SurveyDefinition {
  id: string;
  version?: number;
  defaultLocale?: string;
  title?: string | Record<string, string>;
  pages: Array<{ id: string; questions: Array<{ id: string; type: string } & Record<string, unknown>> } & Record<string, unknown>>;
  [field: string]: unknown;
}

/** What `survey.importSurveyJS` returns (docs/surveyjs-import.md). */
export interface SurveyJsImport {
  definition: SurveyDefinition;
  /** SurveyJS names that had to change: questions and pages by name, choice values by question id. */
  renamed: {
    questions: Record<string, string>;
    pages: Record<string, string>;
    values: Record<string, Record<string, string>>;
  };
  /** JSON pointers of presentation-only properties that were dropped. */
  ignored: string[];
}

/** `Tessera.surveys` of web/src/tessera.js. */
export interface TesseraSurveys {
  /** Rejects with a TesseraError whose message lists every unsupported part by JSON pointer. */
  fromSurveyJS(json: object | string, options?: { id?: string; version?: number }): Promise<SurveyJsImport>;
}

/** A score summary: exact integer state plus a rounded `display` (docs/scoring.md). */
export interface ScoreSummary {
  v: 1;
  kind: 'surveySummary' | 'nps' | 'csat' | 'ces' | 'servqual' | 'deliveredValue' | 'split';
  [field: string]: unknown;
}

/** `Tessera.score` of web/src/tessera.js (docs/engine-api.md, "Scoring"). */
export interface TesseraScore {
  summarize(args: {
    surveyId?: string;
    definition?: object;
    records: object[];
    by?: 'none' | 'variant' | 'day';
    utcOffsetMinutes?: number;
  }): Promise<ScoreSummary>;
  merge(summaries: ScoreSummary[]): Promise<ScoreSummary>;
}

/** The goodwill offer of a service-recovery step, once the survey completes. */
export interface GoodwillClaim {
  points: number;
  /** "claim" until the merchant's server signs a grant with the same key. */
  status: 'claim' | 'confirmed';
  event: { type: 'event'; key: string; at: number; name: string; attributes: Record<string, string> };
}

/** The module API of web/src/tessera.js (pages that import it directly). */
export interface TesseraModule {
  load(options?: LoaderOptions & { locale?: string; endpoint?: string }): Promise<unknown>;
  surveys: TesseraSurveys;
  score: TesseraScore;
}

declare global {
  interface Window {
    Tessera: TesseraLoader;
  }
}
