// A registry-wide symbol, so `VidgoError.is` recognises errors thrown by another copy of this
// package (two versions in one bundle, or a dependency's own copy), where `instanceof` fails.
const marker = Symbol.for('vidgo-sdk.error');

export interface VidgoErrorOptions {
  cause?: unknown;
  /** The client call that failed, e.g. `getTask`. */
  operation?: string;
  taskId?: string;
}

/** The base of every error this SDK throws on purpose. */
export class VidgoError extends Error {
  override readonly name: string = 'VidgoError';
  declare readonly [marker]: true;
  declare readonly operation?: string;
  declare readonly taskId?: string;

  /** `fields` become the error's own properties (`status`, `rawBody`…), so subclasses need no constructor. */
  constructor(message: string, { cause, ...fields }: VidgoErrorOptions & { [field: string]: unknown } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields);
  }

  /**
   * Stable and machine-readable, derived from the class name: `not_found`, `rate_limit`,
   * `request_timeout`, `invalid_task_id`… Messages may change; codes do not.
   */
  get code(): string {
    return this.name.slice(0, -5).replace(/([a-z])(?=[A-Z])/g, '$1_').toLowerCase();
  }

  /** True for any error from any copy of this SDK. */
  static is(value: unknown): value is VidgoError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

(VidgoError.prototype as { [marker]: true })[marker] = true;
