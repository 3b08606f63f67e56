// The core's waiting engine, as pure functions: the TaskWatcher runs it one alarm at a time.
export { observe, startWait } from '@vidgo-sdk/core/internal';
