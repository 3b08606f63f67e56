// The portable conformance suite, on Node: the core from source against the simulator's fetch
// face on virtual time, over real HTTP against a simulator server started here, and this
// package's `downloadFiles` over Node's file system.
import { defineConformanceSuite } from '@vidgo-sdk/conformance';
import * as core from '@vidgo-sdk/core';
import * as testing from '@vidgo-sdk/testing';
import { afterAll, it } from 'vitest';
import { conformanceTargets } from './support/conformance-targets.ts';

const apiKey = 'vk_conformance_node_server';
// Started at module level: vitest collects tests synchronously, and the suite needs the URL then.
const { server, download } = await conformanceTargets(apiKey, 'vidgo-conformance-');
afterAll(() => server.close());

defineConformanceSuite(
  { test: (name, body) => it(name, body) },
  { core, testing, server: { url: server.url, apiKey }, download },
);
