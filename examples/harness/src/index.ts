export { startSimulatedVidgo, type SimulatedVidgo, type SimulatedVidgoOptions } from './simulated-vidgo.ts';
export { runProcess, type ProcessResult, type RunProcessOptions } from './run-process.ts';
