// The core's polling engine as a pure step: the TaskWatcher runs it one alarm at a time.
export { pollStep, startWait } from '@vidgo-sdk/core/internal';
