// A registry-wide symbol, so `VidgoError.is` recognises errors thrown by another copy of this
// package (two versions in one bundle, or a dependency's own copy), where `instanceof` fails.
const marker = Symbol.for('vidgo-sdk.error');

/** The options of the `VidgoError` constructor, and the base of every error class's options. */
export interface VidgoErrorOptions {
  /** What caused the error (fetch's error, a parse error…), kept as the standard `Error.cause`. */
  cause?: unknown;
  /** The client call that failed, e.g. `getTask`. */
  operation?: string;
  /** The task the failed call was about, when there was one. */
  taskId?: string;
}

/**
 * Copies the fields named, and no other, from a constructor's options onto the error as own
 * properties; a field left undefined is left out, so a spread copy has no empty keys. Each name must be
 * an option, of the type the error declares for it.
 */
export function ownFields<Options, Name extends keyof Options>(
  error: { -readonly [K in Name]?: Options[K] },
  options: Options,
  names: Name[],
): void {
  for (const name of names) if (options[name] !== undefined) error[name] = options[name];
}

/**
 * The base of every error this SDK throws on purpose. `name`, `code` and the other fields are own
 * enumerable properties, so `JSON.stringify(error)` and `{ ...error }` (what loggers and RPC
 * layers do) keep them; `message`, `stack` and `cause` stay where `Error` puts them.
 */
export class VidgoError extends Error {
  /** The class's name, a literal per class (`NotFoundError`, `WaitTimeoutError`…), kept when serialized. */
  override readonly name: string = 'VidgoError';
  /**
   * Stable and machine-readable, a literal per class: `not_found`, `rate_limit`, `request_timeout`,
   * `invalid_task_id`… Branch on it; messages may change, codes do not.
   */
  readonly code: string = 'vidgo';
  /**
   * What `VidgoError.is` looks for, shared by every copy of this package.
   * @internal
   */
  declare readonly [marker]: true;
  /** The client call that failed, e.g. `getTask` or `waitForTask`, when there was one. */
  declare readonly operation?: string;
  /** The task the failed call was about, when there was one. */
  declare readonly taskId?: string;

  constructor(message: string, options: VidgoErrorOptions = {}) {
    // Error reads `cause` alone from its options; an undefined one is left out, not set.
    super(message, options.cause === undefined ? undefined : options);
    ownFields(this, options, ['operation', 'taskId']);
  }

  /** True for any error from any copy of this SDK. */
  static is(value: unknown): value is VidgoError {
    return !!(value as Partial<VidgoError> | undefined)?.[marker];
  }
}

(VidgoError.prototype as { [marker]: true })[marker] = true;
