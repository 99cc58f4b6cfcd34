// TesseraError: the one error type the widget raises or reports.
// `code` mirrors tessera::Code (include/tessera/common/status.hpp, same
// order); `path` is a JSON pointer into the input that was wrong.

export const ERROR_CODES = Object.freeze([
  'ok', 'invalid_json', 'invalid_type', 'missing_field', 'unknown_field', 'out_of_range',
  'invalid_value', 'duplicate_id', 'not_found', 'limit_exceeded', 'failed_precondition',
  'crypto_error', 'internal',
  // Raised by the JS layer itself, never by the core:
  'network', 'load_failed',
  // Stored state set aside as unreadable, or not stored for lack of space
  // (web/src/storage/store.js); the widget goes on working in both cases.
  'storage_corrupt', 'storage_full',
]);

export class TesseraError extends Error {
  constructor(code, message, path = '') {
    super(path ? `${message} (at ${path})` : message);
    this.name = 'TesseraError';
    this.code = code;
    this.path = path;
  }

  toJSON() {
    return { code: this.code, message: this.message, path: this.path };
  }
}
