// Generates several images at once on Bun: one TaskPool watches every task under one request budget,
// and each image is saved as soon as its task finishes.
//   VIDGO_API_KEY=vk_... bun generate.ts ./out "a red fox" "a snowy owl" "a lynx at dusk"
import { createVidgoClient, downloadFiles, TaskPool, VidgoError } from '@vidgo-sdk/node';

const [outDir = './out', ...prompts] = process.argv.slice(2);
if (prompts.length === 0) {
  console.error('usage: bun generate.ts OUT_DIR PROMPT...');
  process.exit(2);
}
// Lifts downloadFiles' refusal of http: and private addresses, for a storage server on your own
// machine (this example's test serves the files on 127.0.0.1). Leave it unset against Vidgo.
const localFiles = process.env.VIDGO_ALLOW_LOCAL_FILES === '1';

async function generate(vidgo: ReturnType<typeof createVidgoClient>, pool: TaskPool, prompt: string) {
  const { task_id } = await vidgo.submitTask({ model: 'gpt-image-2', input: { prompt } });
  console.log(`submitted ${task_id}: ${prompt}`); // it costs credits from here on: keep the id
  const task = await pool.add(task_id, { model: 'gpt-image-2' }); // a failed task rejects: TaskFailedError
  const files = await downloadFiles(task, outDir, { allowInsecureHttp: localFiles, allowPrivateNetwork: localFiles });
  for (const file of files) console.log(`saved ${file.path}: ${prompt}`);
}

try {
  const vidgo = createVidgoClient(); // VIDGO_API_KEY, and VIDGO_BASE_URL when set, from Bun's process.env
  // At most 5 status requests a second, however many tasks; a 429 pauses them all.
  const pool = new TaskPool(vidgo, { maxRequestsPerSecond: 5 });
  const outcomes = await Promise.allSettled(prompts.map((prompt) => generate(vidgo, pool, prompt)));
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') return;
    if (!VidgoError.is(outcome.reason)) throw outcome.reason;
    console.error(`"${prompts[index]}": ${outcome.reason.code}: ${outcome.reason.message}`); // never the key
    process.exitCode = 1;
  });
} catch (error) {
  if (!VidgoError.is(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
