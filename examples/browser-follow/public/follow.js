// A plain page: no framework, no build. It asks its backend for a task and a token, then follows
// the task through the edge proxy with the core's events client, which sends the token as a header
// (EventSource cannot), resumes a lost stream, and ends on the terminal task.
import { VidgoError, watchTaskEvents } from '@vidgo-sdk/core';

const form = document.getElementById('create');
const progress = document.getElementById('progress');
const status = document.getElementById('status');
const files = document.getElementById('files');

function render(task) {
  if (typeof task.progress === 'number') progress.value = task.progress;
  status.textContent = task.status === 'failed' ? `failed: ${task.error_message ?? 'no reason given'}` : task.status;
  if (task.status !== 'finished') return;
  progress.value = 100;
  files.replaceChildren(
    ...task.files
      // Only https links: a file URL is data from elsewhere, never a `javascript:` link.
      .filter((file) => file.file_url.startsWith('https://'))
      .map((file) => {
        const link = Object.assign(document.createElement('a'), { href: file.file_url, textContent: file.file_type });
        const item = document.createElement('li');
        item.append(link);
        return item;
      }),
  );
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = form.querySelector('button');
  button.disabled = true;
  files.replaceChildren();
  progress.value = 0;
  status.textContent = 'submitting…';
  try {
    const response = await fetch('/api/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: document.getElementById('prompt').value }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail ?? `HTTP ${response.status}`);
    const { task_id: taskId, token, proxy_url: proxyUrl } = body;
    const events = watchTaskEvents(proxyUrl, taskId, {
      token,
      onRetry: () => {
        status.textContent = `${status.textContent} (reconnecting…)`;
      },
    });
    for await (const task of events) render(task);
  } catch (error) {
    // Typed errors: `code` is stable (`authentication`, `not_found`, `rate_limit`, `watch_failed`…).
    status.textContent = VidgoError.is(error) ? `stopped (${error.code}): ${error.message}` : String(error);
  } finally {
    button.disabled = false;
  }
});
