// The demo page's script, bundled by `scripts/bundle-demo.mjs` and served at `/demo.js`.
import { InvalidTaskIdError } from '@vidgo-sdk/core/lite';
import { encodeTaskId } from '@vidgo-sdk/core/internal';
import { detailOf } from './error-text.ts';
import { followTask } from './follow-task.ts';
import { taskView } from './task-view.ts';

// No API key: the proxy holds it. The page reads a task with the per-task token its backend
// handed over with the task (here, `POST /demo/tasks`): the tokens of the tasks created on this
// page, by task id, kept in this tab's session only.
const tokens = new Map<string, string>(
  Object.entries(JSON.parse(sessionStorage.getItem('vidgo-demo-tokens') ?? '{}') as Record<string, string>),
);
const rememberToken = (taskId: string, token: string) => {
  tokens.set(taskId, token);
  sessionStorage.setItem('vidgo-demo-tokens', JSON.stringify(Object.fromEntries([...tokens].slice(-20))));
};

const form = document.getElementById('watch-form') as HTMLFormElement;
const input = document.getElementById('task-id') as HTMLInputElement;
const fieldError = document.getElementById('task-id-error')!;
const createError = document.getElementById('create-error');
const createButtons = [...document.querySelectorAll<HTMLButtonElement>('button[data-create]')];
const view = taskView(document);
let following: { stop(): void } | undefined;

function showFieldError(message: string | undefined) {
  fieldError.textContent = message ?? '';
  fieldError.hidden = message === undefined;
  if (message === undefined) input.removeAttribute('aria-invalid');
  else input.setAttribute('aria-invalid', 'true');
}

/** The id as the proxy would accept it, or undefined (and a message) when it would not: then nothing is sent. */
function checkedTaskId(text: string): string | undefined {
  const taskId = text.trim();
  try {
    encodeTaskId(taskId, 'watch');
  } catch (error) {
    if (!(error instanceof InvalidTaskIdError)) throw error;
    showFieldError(
      taskId === ''
        ? 'Enter a task id.'
        : 'This is not a valid task id: it must be 1 to 512 characters, not "." or "..", ' +
            'without control characters. Nothing was sent.',
    );
    return undefined;
  }
  showFieldError(undefined);
  return taskId;
}

function watch(taskId: string) {
  following?.stop();
  view.start(taskId);
  history.replaceState(null, '', `?task=${encodeURIComponent(taskId)}`);
  const token = tokens.get(taskId);
  following = followTask(taskId, token, {
    onTask: view.task,
    onError: view.error,
    onConnection: view.connection,
  });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const taskId = checkedTaskId(input.value);
  if (taskId !== undefined) watch(taskId);
});

async function createTask(kind: string) {
  for (const button of createButtons) button.disabled = true;
  createError!.hidden = true;
  try {
    const response = await fetch('/demo/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind }),
    });
    const body: unknown = await response.json().catch(() => undefined);
    const { task_id: taskId, token } = (body ?? {}) as { task_id?: unknown; token?: unknown };
    if (!response.ok || typeof taskId !== 'string' || typeof token !== 'string')
      throw new Error(`${detailOf(body) ?? response.statusText} (HTTP ${response.status})`);
    rememberToken(taskId, token);
    input.value = taskId;
    showFieldError(undefined);
    watch(taskId);
  } catch (error) {
    createError!.textContent = `Could not create the task: ${error instanceof Error ? error.message : String(error)}`;
    createError!.hidden = false;
  } finally {
    for (const button of createButtons) button.disabled = false;
  }
}

for (const button of createButtons) button.addEventListener('click', () => void createTask(button.dataset.create!));

// `/?task=<id>` opens straight on a task (the address bar keeps the one being watched).
const linked = new URLSearchParams(location.search).get('task');
if (linked !== null) {
  input.value = linked;
  const taskId = checkedTaskId(linked);
  if (taskId !== undefined) watch(taskId);
}
