// The portable conformance suite (packages/conformance) in the real Bun runtime, under `bun test`:
// @vidgo-sdk/core from its sources against the simulator's fetch face on virtual time, over real
// HTTP against a simulator server that runs on Bun's node:http, and this package's
// `downloadFiles` over Bun's node:fs (Bun users take @vidgo-sdk/node). Named `.bun.ts`, not
// `.test.ts`, so that vitest never collects it: `scripts/bun-test.mjs` runs it.
import { afterAll, test } from 'bun:test';
import { defineConformanceSuite } from '@vidgo-sdk/conformance';
import * as core from '@vidgo-sdk/core';
import * as testing from '@vidgo-sdk/testing';
import { conformanceTargets } from '../support/conformance-targets.ts';

const apiKey = 'vk_conformance_bun_server';
// Started before the tests are registered: the suite needs the URL then.
const { server, download } = await conformanceTargets(apiKey, 'vidgo-conformance-bun-');
afterAll(() => server.close());

defineConformanceSuite(
  { test: (name, body) => test(`conformance: ${name}`, body) },
  { core, testing, server: { url: server.url, apiKey }, download },
);
