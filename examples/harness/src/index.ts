export { type ExampleRun, type RunExampleOptions, runExample } from './run-example.ts';
export { type SimulatedVidgo, type SimulatedVidgoOptions, startSimulatedVidgo } from './simulated-vidgo.ts';
