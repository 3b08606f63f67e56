// Generates an image: submit, wait with a progress bar, then download the files.
//   VIDGO_API_KEY=vk_... node generate.ts "a red fox in the snow" ./out
import { createVidgoClient, downloadFiles, TaskFailedError, type Task, VidgoError } from '@vidgo-sdk/node';

const [prompt = 'a red fox in the snow', outDir = './out'] = process.argv.slice(2);
// Lifts downloadFiles' refusal of http: and private addresses, for a storage server on your own
// machine (this example's test serves the files on 127.0.0.1). Leave it unset against Vidgo.
const localFiles = process.env.VIDGO_ALLOW_LOCAL_FILES === '1';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
const { signal } = controller;

/** `running      [#########-----------]  45%`, redrawn in place on stderr. */
function drawProgress(task: Task): void {
  const percent = task.status === 'finished' ? 100 : Math.round(task.progress ?? 0);
  const filled = Math.round(percent / 5);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(20 - filled)}`;
  process.stderr.write(`\r${task.status.padEnd(12)} [${bar}] ${String(percent).padStart(3)}%`);
}

try {
  const vidgo = createVidgoClient(); // VIDGO_API_KEY, and VIDGO_BASE_URL when set
  const { task_id } = await vidgo.submitTask({ model: 'gpt-image-2', input: { prompt } }, { signal });
  console.log(`submitted ${task_id}`); // it costs credits from here on: keep the id

  const task = await vidgo.waitForTask(task_id, { model: 'gpt-image-2', signal, onProgress: drawProgress });
  process.stderr.write('\n'); // onProgress drew the finished task last

  const files = await downloadFiles(task, outDir, {
    signal,
    allowInsecureHttp: localFiles,
    allowPrivateNetwork: localFiles,
  });
  for (const file of files) console.log(`saved ${file.path} (${file.bytes} bytes)`);
} catch (error) {
  process.stderr.write('\n'); // ends the progress line
  // One line for the user; messages name the call and the task, never the key.
  if (error instanceof TaskFailedError) console.error(`the task failed: ${error.errorMessage}`);
  else if (VidgoError.is(error)) console.error(`${error.code}: ${error.message}`);
  else throw error;
  process.exitCode = 1;
}
