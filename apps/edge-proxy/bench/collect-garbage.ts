import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// The watchers' process collects before each fan-out, proxy's or bare server's alike, so that a
// collection of what earlier runs left does not land in the one measured (it reads every stream).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A full collection of this process's heap. */
export function collectGarbage(): void {
  gc();
}
