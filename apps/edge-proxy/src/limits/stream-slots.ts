export interface StreamSlots {
  /** A slot for one more stream of `principal`: the function that gives it back, or undefined when full. */
  acquire(principal: string): (() => void) | undefined | Promise<(() => void) | undefined>;
  readonly open: number;
}

/** Caps open event streams: `perPrincipal` for each verified principal, `total` for the proxy. */
export function streamSlots(total: number, perPrincipal: number): StreamSlots {
  const held = new Map<string, number>();
  let open = 0;
  return {
    acquire(principal) {
      const mine = held.get(principal) ?? 0;
      if (open >= total || mine >= perPrincipal) return undefined;
      open++;
      held.set(principal, mine + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open--;
        const left = (held.get(principal) ?? 1) - 1;
        if (left === 0) held.delete(principal);
        else held.set(principal, left);
      };
    },
    get open() {
      return open;
    },
  };
}
