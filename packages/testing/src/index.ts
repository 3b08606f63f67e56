export { createVidgoSimulator } from './create-vidgo-simulator.ts';
export { VirtualClock, realClock, type Clock, type RunOptions, type VirtualClockOptions } from './virtual-clock.ts';
export { createRandom as seededRandom, type Random } from './internal/random.ts';
export type {
  CallbackLogEntry,
  Fault,
  InjectedFault,
  ListenOptions,
  RequestLogEntry,
  SimulatorOptions,
  SimulatorServer,
  SubmitBody,
  TaskScript,
  VidgoSimulator,
  WireFile,
  WireTask,
} from './simulator-types.ts';
