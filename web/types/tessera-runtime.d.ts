// The runtime module (web/src/tessera.js): Tessera.load(), the instance and
// its events, loyalty, on-device personalization and privacy, and the custom
// elements. Pages that place <tessera-survey> themselves import this module;
// the one-snippet loader (tessera.d.ts) loads it when a survey is due.

import type { TesseraErrorDetail, TesseraEvents, Unsubscribe } from './tessera';

export type { TesseraErrorDetail, TesseraEvents, Unsubscribe };

/** Every error code (web/src/errors.js ERROR_CODES). */
export type TesseraErrorCode =
  | 'invalid_json' | 'invalid_type' | 'missing_field' | 'unknown_field' | 'out_of_range'
  | 'invalid_value' | 'duplicate_id' | 'not_found' | 'limit_exceeded' | 'failed_precondition'
  | 'crypto_error' | 'internal' | 'network' | 'load_failed' | 'storage_corrupt' | 'storage_full';

export declare class TesseraError extends Error {
  constructor(code: TesseraErrorCode | string, message: string, path?: string);
  readonly code: string;
  /** JSON pointer into the input that was wrong ("" when none). */
  readonly path: string;
  toJSON(): TesseraErrorDetail;
}

export interface LoadOptions {
  /** The site config (object or JSON text); or configUrl. */
  config?: object | string;
  configUrl?: string;
  /** Where tessera-core.mjs lives; default beside tessera.js. */
  coreUrl?: string;
  /** UI locale; default the browser's. */
  locale?: string;
  /** Overrides the config's collector endpoint. */
  endpoint?: string;
}

export interface SiteInfo {
  site: string;
  endpoint: string;
  surveys: Array<{ id: string; version: number; pages: number; questions: number }>;
}

/** Events of the runtime instance: the survey, loyalty and error events. */
export type RuntimeEvents = Pick<TesseraEvents, 'complete' | 'partial' | 'dismiss' | 'points' | 'tier' | 'error'>;

export interface TesseraInstance {
  readonly locale: string;
  on<K extends keyof RuntimeEvents>(type: K, fn: (detail: RuntimeEvents[K]) => void): Unsubscribe;
  info(): SiteInfo;
}

export interface CartLine {
  sku: string;
  category?: string;
  qty: number;
  /** Price in minor units (cents): integers only. */
  unitPriceMinor: number;
}

export interface Cart {
  orderId: string;
  currency: string;
  lines: CartLine[];
}

export interface LoyaltyState {
  now: number;
  points: number;
  pending: number;
  claims: { points: number };
  tier: { enabled: boolean; tier?: string; name?: string; nextTier?: string | null; toNext?: number; basis?: string };
  expiring: Array<{ points: number; expiresAt: number }>;
  badges: Array<{ id: string; name: string; earned: boolean }>;
}

export interface LoyaltyPreview {
  total: number;
  rules: Array<{ rule: string; points: number; verdict: string; why: string }>;
}

export interface LoyaltyChange {
  kind: 'load' | 'apply' | 'claim';
  [key: string]: unknown;
}

export interface LoyaltyApi {
  /** Pins "now" (epoch ms) for state and preview; null uses the clock. */
  setNow(ms: number | null): void;
  now(): number;
  /** The stored ledger (if its chain holds) plus these signed grants. */
  load(options?: { events?: object[]; useStored?: boolean }): Promise<LoyaltyChange>;
  apply(signedEvent: object): Promise<LoyaltyChange>;
  claim(event: { type: 'event'; key: string; at: number; name: string }): Promise<LoyaltyChange>;
  state(now?: number): Promise<LoyaltyState>;
  history(now?: number): Promise<unknown>;
  preview(cart: Cart, now?: number): Promise<LoyaltyPreview>;
}

export interface PersonalEvent {
  type: 'view' | 'cart' | 'purchase' | string;
  categories?: string[];
  tags?: string[];
  [key: string]: unknown;
}

export interface PersonalApi {
  /** Adds an event to the on-device profile (never sent anywhere). */
  record(event: PersonalEvent): Promise<void>;
  rank(options?: { locale?: string; facts?: Record<string, unknown> }): Promise<unknown>;
}

export interface PrivacyApi {
  /** Everything stored about the visitor on this device, readable. */
  export(): Promise<unknown>;
  forget(): Promise<unknown>;
  consent(granted: boolean): Promise<unknown>;
  report(metric: string, value: number): Promise<unknown>;
  readonly globalPrivacyControl: boolean;
}

export interface TesseraRuntime {
  /** Loads the core and the config once per page; later calls return the same instance. */
  load(options?: LoadOptions): Promise<TesseraInstance>;
  loyalty: LoyaltyApi;
  personal: PersonalApi;
  privacy: PrivacyApi;
}

export declare const Tessera: TesseraRuntime;

/** <tessera-survey survey="id" [locale] [dismissible]>: events bubble and are composed. */
export interface TesseraSurveyElement extends HTMLElement {
  dismiss(): void;
}

export interface TesseraPointsPreviewElement extends HTMLElement {
  cart: Cart;
}

declare global {
  interface HTMLElementTagNameMap {
    'tessera-survey': TesseraSurveyElement;
    'tessera-points-preview': TesseraPointsPreviewElement;
    'tessera-badge': HTMLElement;
    'tessera-offers': HTMLElement;
    'tessera-slot': HTMLElement;
  }
  interface DocumentEventMap {
    /** A runtime that could not load (elements hide themselves). */
    'tessera:error': CustomEvent<TesseraErrorDetail>;
  }
}
