// The slice of `bun:test` the Bun suite uses, so it type-checks without Bun's types (as the Deno
// package declares the slice of `Deno` it uses).
declare module 'bun:test' {
  export function test(name: string, body: () => void | Promise<void>): void;
  export function afterAll(body: () => void | Promise<void>): void;
}
