import type { Task, TaskFile } from '@vidgo-sdk/core/lite';

const STATUS_TEXT: Record<string, string> = {
  not_started: 'Queued: waiting for Vidgo to start it…',
  running: 'Running',
  finished: 'Finished',
  failed: 'Failed',
};

/**
 * A file URL the page may put in `href` or `src`: https (Vidgo's storage), or this page's own
 * origin (the embedded simulator's files). Never `javascript:`, `data:` or another http host.
 */
export function displayableUrl(value: unknown, pageOrigin: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.origin === pageOrigin ? url.href : undefined;
}

/** The task panel of the page (`#task`): progress, status, and then the files or the failure. */
export function taskView(document: Document) {
  const element = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
  const section = element('task');
  const label = element('task-label');
  const progress = element('progress');
  const progressRow = progress.parentElement!;
  const percent = element('percent');
  const status = element('status');
  const failure = element('failure');
  const result = element('result');
  let statusText = '';
  let shownFiles = '';
  let taskId = '';

  /** `undefined` is indeterminate (queued, or no progress reported): the ARIA way is no valuenow. */
  const setProgress = (value: number | undefined, state: string) => {
    progress.dataset.state = state;
    const fill = progress.firstElementChild as HTMLElement;
    if (value === undefined) {
      progress.removeAttribute('aria-valuenow');
      fill.style.width = '';
      percent.textContent = '';
      return;
    }
    const rounded = Math.round(Math.min(100, Math.max(0, value)));
    progress.setAttribute('aria-valuenow', String(rounded));
    fill.style.width = `${rounded}%`;
    percent.textContent = `${rounded} %`;
  };

  const setStatus = (text: string, state: string) => {
    statusText = text;
    status.textContent = text;
    status.dataset.state = state;
  };

  const showFailure = (title: string, message: string) => {
    const heading = document.createElement('strong');
    heading.textContent = title;
    failure.replaceChildren(heading, document.createTextNode(message));
    failure.hidden = false;
  };

  const fileFigure = (file: TaskFile, index: number) => {
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    const url = displayableUrl(file.file_url, document.location.origin);
    if (url === undefined) {
      caption.textContent = `File ${index + 1} has an address this page does not open (only https links are shown).`;
      figure.append(caption);
      return figure;
    }
    const link = Object.assign(document.createElement('a'), {
      href: url,
      target: '_blank',
      rel: 'noopener noreferrer',
    });
    link.textContent = `Open the ${file.file_type} in a new tab`;
    caption.append(link);
    let media: HTMLImageElement | HTMLVideoElement | undefined;
    if (file.file_type === 'image') {
      media = Object.assign(document.createElement('img'), { src: url, alt: `Image ${index + 1} of task ${taskId}` });
    } else if (file.file_type === 'video') {
      media = Object.assign(document.createElement('video'), {
        src: url,
        controls: true,
        muted: true,
        loop: true,
        autoplay: true,
        playsInline: true,
      });
      media.setAttribute('aria-label', `Video ${index + 1} of task ${taskId}`);
    }
    media?.addEventListener('error', () =>
      caption.prepend(`This ${file.file_type} could not be loaded (Vidgo's file links last 24 hours). `),
    );
    figure.append(...(media ? [media] : []), caption);
    return figure;
  };

  return {
    /** A new task: everything from the previous one goes. */
    start(id: string) {
      taskId = id;
      shownFiles = '';
      section.hidden = false;
      progressRow.hidden = false;
      label.textContent = id;
      failure.hidden = true;
      failure.replaceChildren();
      result.replaceChildren();
      setProgress(undefined, 'loading');
      setStatus('Reading the task…', 'loading');
    },

    task(task: Task) {
      const { status: state, progress: reported } = task;
      if (state === 'finished') setProgress(100, state);
      // Failed: the value stays where the task was last seen (the bar turns red, its text goes).
      else if (state === 'failed') {
        setProgress(Number(progress.getAttribute('aria-valuenow') ?? 0), state);
        percent.textContent = '';
      } else setProgress(state === 'not_started' ? undefined : reported, state);

      const text = STATUS_TEXT[state] ?? `Status: ${state}`;
      setStatus(state === 'running' && reported !== undefined ? `${text} · ${Math.round(reported)} %` : text, state);

      if (state === 'failed')
        showFailure('The task failed.', String(task.error_message ?? '').trim() || 'Vidgo gave no reason.');
      const files = JSON.stringify(task.files.map((file) => file.file_url));
      if (state === 'finished' && files !== shownFiles) {
        shownFiles = files;
        result.replaceChildren(...task.files.map(fileFigure));
        if (task.files.length === 0) setStatus('Finished, without files', state);
      }
    },

    error(message: string) {
      section.hidden = false;
      if (!progress.dataset.state || progress.dataset.state === 'loading') progressRow.hidden = true;
      setStatus('Stopped', 'stopped');
      showFailure('Could not follow this task.', message);
    },

    connection(state: 'live' | 'reconnecting') {
      status.textContent = state === 'live' ? statusText : `${statusText} (connection lost, reconnecting…)`;
    },
  };
}
