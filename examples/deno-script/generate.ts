// Generates an image on Deno: submit, watch each change of the task, then download its files.
//   VIDGO_API_KEY=vk_... deno run --allow-env=VIDGO_API_KEY,VIDGO_BASE_URL,VIDGO_ALLOW_LOCAL_FILES \
//     --allow-net=api.vidgo.ai,storage.vidgo.ai,<name server>:53 --allow-read=./out --allow-write=./out \
//     generate.ts "a red fox in the snow" ./out
import { createVidgoClient, downloadFiles, type Task, VidgoError } from '@vidgo-sdk/deno';

const [prompt = 'a red fox in the snow', outDir = './out'] = Deno.args;
// Lifts downloadFiles' refusal of http: and private addresses, for a storage server on your own
// machine (this example's test serves the files on 127.0.0.1). Leave it unset against Vidgo.
const localFiles = Deno.env.get('VIDGO_ALLOW_LOCAL_FILES') === '1';

const controller = new AbortController();
const interrupt = () => controller.abort(new Error('interrupted'));
Deno.addSignalListener('SIGINT', interrupt);
const { signal } = controller;

try {
  const vidgo = createVidgoClient(); // VIDGO_API_KEY, and VIDGO_BASE_URL when set
  const { task_id } = await vidgo.submitTask({ model: 'gpt-image-2', input: { prompt } }, { signal });
  console.log(`submitted ${task_id}`); // it costs credits from here on: keep the id

  let task: Task | undefined;
  // Each change of status or progress once; the loop ends on the finished or failed task.
  for await (task of vidgo.watchTask(task_id, { model: 'gpt-image-2', signal })) {
    console.log(`${task.status} ${task.progress ?? 0}%`);
  }
  if (task?.status === 'failed') {
    console.error(`the task failed: ${task.error_message ?? 'no reason given'}`);
    Deno.exitCode = 1;
  } else if (task) {
    const files = await downloadFiles(task, outDir, {
      signal,
      allowInsecureHttp: localFiles,
      allowPrivateNetwork: localFiles,
    });
    for (const file of files) console.log(`saved ${file.path} (${file.bytes} bytes)`);
  }
} catch (error) {
  if (!VidgoError.is(error)) throw error;
  console.error(`${error.code}: ${error.message}`); // never contains the key
  Deno.exitCode = 1;
} finally {
  Deno.removeSignalListener('SIGINT', interrupt); // or the listener keeps the process alive
}
