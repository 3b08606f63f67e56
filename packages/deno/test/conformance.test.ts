// The portable conformance suite (packages/conformance) in the real Deno runtime, against
// @vidgo-sdk/core's sources: each check is one Deno.test. The real-server checks talk over
// 127.0.0.1 to the simulator's HTTP server, which runs on Deno's node:http.
import * as core from '@vidgo-sdk/core';
import { defineConformanceSuite } from '@vidgo-sdk/conformance';
import { createVidgoSimulator, realClock, VirtualClock } from '@vidgo-sdk/testing';

const apiKey = 'vk_deno_conformance_0123456789';
const simulator = createVidgoSimulator({
  clock: realClock,
  apiKeys: [apiKey],
  submitScript: () => ({ queuedMs: 0, durationMs: 300 }),
});
const server = await simulator.listen();
Deno.test.afterAll(() => server.close());

defineConformanceSuite(
  { test: (name, body) => Deno.test(`conformance: ${name}`, body) },
  { core, testing: { createVidgoSimulator, VirtualClock }, server: { url: server.url, apiKey } },
);
