// The conformance suite as a Worker of its own, bundled by esbuild and run by miniflare with
// exactly the compatibility flags of its project: the Workers pool always adds nodejs_compat to
// the isolate the tests run in, so a run without it has to happen here. The test file asks this
// Worker for the names of the checks (GET /checks) and runs them one by one (GET /run?name=…).
import { defineConformanceSuite } from '@vidgo-sdk/conformance';
import * as core from '@vidgo-sdk/core';
import { createVidgoSimulator, VirtualClock } from '@vidgo-sdk/testing';

interface Env {
  SERVER_URL?: string;
  SERVER_API_KEY?: string;
}

export interface CheckResult {
  ok: boolean;
  error?: string;
}

let checks: Map<string, () => Promise<void>> | undefined;

function suite(env: Env): Map<string, () => Promise<void>> {
  if (checks) return checks;
  const registered = new Map<string, () => Promise<void>>();
  const server = env.SERVER_URL && env.SERVER_API_KEY ? { url: env.SERVER_URL, apiKey: env.SERVER_API_KEY } : undefined;
  defineConformanceSuite(
    {
      test: (name, body) => {
        if (registered.has(name)) throw new Error(`two checks are named "${name}"`);
        registered.set(name, body);
      },
    },
    // No file system in workerd: the download checks are skipped here, on purpose.
    { core, testing: { createVidgoSimulator, VirtualClock }, ...(server ? { server } : {}), download: null },
  );
  return (checks = registered);
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const registered = suite(env);
    if (url.pathname === '/checks') {
      // What the runtime offers: `process` exists only with nodejs_compat.
      const runtime = {
        process: typeof (globalThis as { process?: unknown }).process,
        Buffer: typeof (globalThis as { Buffer?: unknown }).Buffer,
        localStorage: typeof (globalThis as { localStorage?: unknown }).localStorage,
      };
      return Response.json({ names: [...registered.keys()], runtime });
    }
    if (url.pathname === '/run') {
      const body = registered.get(url.searchParams.get('name') ?? '');
      if (!body) return Response.json({ ok: false, error: 'no such check' } satisfies CheckResult, { status: 404 });
      try {
        await body();
        return Response.json({ ok: true } satisfies CheckResult);
      } catch (error) {
        const text = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
        return Response.json({ ok: false, error: text } satisfies CheckResult);
      }
    }
    return new Response('not found', { status: 404 });
  },
};
