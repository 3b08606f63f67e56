// The portable conformance suite, on Node: the core from source against the simulator's fetch
// face on virtual time, and over real HTTP against a simulator server started here.
import { defineConformanceSuite } from '@vidgo-sdk/conformance';
import * as core from '@vidgo-sdk/core';
import * as testing from '@vidgo-sdk/testing';
import { afterAll, it } from 'vitest';

const apiKey = 'vk_conformance_node_server';
// Started at module level: vitest collects tests synchronously, and the suite needs the URL then.
const server = await testing
  .createVidgoSimulator({ clock: testing.realClock, apiKeys: [apiKey], submitScript: () => ({ queuedMs: 0, durationMs: 300 }) })
  .listen();
afterAll(() => server.close());

defineConformanceSuite({ test: (name, body) => it(name, body) }, { core, testing, server: { url: server.url, apiKey } });
