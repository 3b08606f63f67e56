// The slice of the `Deno` namespace that src/ uses, so that the package also type-checks with
// plain `tsc` (no Deno types installed). `deno check` never reads this file: it is not imported,
// and Deno brings its own, complete declarations. Keep it a strict subset of them.

declare namespace Deno {
  export const build: { readonly os: string };

  export const env: {
    get(key: string): string | undefined;
  };

  export const permissions: {
    querySync(descriptor: { name: 'env'; variable?: string }): { readonly state: 'granted' | 'denied' | 'prompt' };
  };

  export namespace errors {
    class NotCapable extends Error {}
    class PermissionDenied extends Error {}
    class NotFound extends Error {}
    class AlreadyExists extends Error {}
    class NotSupported extends Error {}
  }

  export interface FsFile {
    readonly writable: WritableStream<Uint8Array>;
    close(): void;
  }

  export function open(path: string, options: { write?: boolean; createNew?: boolean }): Promise<FsFile>;
  export function mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  export function lstat(path: string): Promise<unknown>;
  export function rename(oldPath: string, newPath: string): Promise<void>;
  export function link(oldPath: string, newPath: string): Promise<void>;
  export function resolveDns(query: string, recordType: 'A' | 'AAAA'): Promise<string[]>;
  export function remove(path: string): Promise<void>;
}
