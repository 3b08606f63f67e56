import { DEMO_STYLES } from './demo-styles.ts';

export interface DemoPageOptions {
  /** Upstream is the embedded simulator: say so, and offer to create tasks. */
  simulated: boolean;
  /** Where the page's script is served (`/demo.js?v=<hash>`). */
  scriptUrl: string;
}

/**
 * The demo page: plain HTML that works with the script it loads (`src/demo/browser/`). Everything
 * the script finds, it finds by id; nothing here depends on the request, so the page is a constant
 * per mode.
 */
export function demoPage({ simulated, scriptUrl }: DemoPageOptions): string {
  const banner = simulated
    ? `<div class="banner" role="note" id="simulator-banner"><p>
  <strong>Simulated Vidgo.</strong> <code>VIDGO_API_KEY</code> is not set, so this proxy answers from an embedded
  simulator: the tasks are made up, nothing leaves this machine and no credits are spent.
</p></div>`
    : '';
  const create = simulated
    ? `<div class="create">
      <p id="create-label" class="create-label">
        Or create a simulated task and watch it run (an image takes about 9 s, a video about 17 s):
      </p>
      <div class="buttons" role="group" aria-labelledby="create-label">
        <button type="button" data-create="image">Create image</button>
        <button type="button" data-create="video">Create video</button>
        <button type="button" data-create="failure" class="secondary">Create a failing task</button>
      </div>
      <p id="create-error" class="field-error" role="alert" hidden></p>
    </div>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Vidgo edge proxy · demo</title>
<link rel="icon" href="data:,">
<style>${DEMO_STYLES}</style>
<script type="module" src="${scriptUrl}"></script>
</head>
<body>
${banner}
<main>
  <header class="intro">
    <p class="eyebrow">Vidgo edge proxy</p>
    <h1>Watch a generation task</h1>
    <p>This page reads a task through the proxy with <code>@vidgo-sdk/core</code>, then follows it live over
    Server-Sent Events until it finishes or fails. The proxy holds the API key; the page has none, only a
    token for each task it created, handed over by the backend with the task id, that opens that task alone.</p>
  </header>

  <section class="card" aria-label="Choose a task">
    <form id="watch-form" novalidate>
      <label for="task-id">Task id</label>
      <div class="field-row">
        <input id="task-id" name="task" type="text" autocomplete="off" autocapitalize="off" spellcheck="false"
          placeholder="task-unified-1757165031-uyujaw3d" aria-describedby="task-id-hint task-id-error">
        <button type="submit">Watch</button>
      </div>
      <p id="task-id-hint" class="hint">As returned by a submit, or shown in your Vidgo dashboard.</p>
      <p id="task-id-error" class="field-error" role="alert" hidden></p>
    </form>
    ${create}
  </section>

  <section id="task" class="card task" aria-labelledby="task-heading" hidden>
    <div class="task-head">
      <h2 id="task-heading">Task</h2>
      <code id="task-label" class="task-label"></code>
    </div>
    <div class="progress-row">
      <div id="progress" class="progress" role="progressbar" aria-label="Progress"
        aria-valuemin="0" aria-valuemax="100">
        <div class="progress-fill"></div>
      </div>
      <span id="percent" class="percent" aria-hidden="true"></span>
    </div>
    <p id="status" class="status" role="status" aria-live="polite"></p>
    <div id="failure" class="failure" role="alert" hidden></div>
    <div id="result" class="result"></div>
  </section>

  <noscript><p class="card">This demo needs JavaScript.</p></noscript>

  <footer>
    Also here: <a href="/healthz"><code>/healthz</code></a>,
    <code>GET /api/generate/status/&lt;id&gt;</code> and its <code>/events</code> stream.
  </footer>
</main>
</body>
</html>
`;
}
