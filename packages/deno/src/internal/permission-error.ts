/**
 * True for the error Deno throws when a permission is missing: `NotCapable` since Deno 2, `PermissionDenied`
 * before.
 */
export function isPermissionError(error: unknown): boolean {
  const { NotCapable, PermissionDenied } = Deno.errors;
  return (NotCapable !== undefined && error instanceof NotCapable) || error instanceof PermissionDenied;
}
