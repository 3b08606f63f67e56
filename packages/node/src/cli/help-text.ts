export type CommandName = 'status' | 'wait' | 'submit';

export const COMMANDS: readonly CommandName[] = ['status', 'wait', 'submit'];

const EXIT_CODES = `Exit codes:
  0    the task finished (status, submit: the call succeeded)
  1    the task failed
  2    --timeout passed first (the task may still finish)
  3    usage error: unknown option, missing argument, bad duration or task id
  4    no API key, key refused (401), another account's task (403), no such task (404)
  5    any other error: network, server, rate limit, download
  130  interrupted (Ctrl-C); 143 on SIGTERM`;

const ENVIRONMENT = `Environment:
  VIDGO_API_KEY   your API key (required; there is no flag for it, so it stays out of
                  shell history and process lists)
  VIDGO_BASE_URL  another API base URL, e.g. a proxy (--base-url wins)`;

const GLOBAL_OPTIONS = `  --base-url URL    API base URL (default $VIDGO_BASE_URL, else https://api.vidgo.ai)
  -h, --help        show this help`;

const WAIT_OPTIONS = `  --timeout DUR     give up after this long (default 15m); exit code 2
  --expect DUR      how long the task should take (default: from --model)
  -d, --download DIR  save the files into DIR once finished (created if missing);
                    only https: URLs on public addresses, at most 2 GiB per file
  --allow-insecure-http    with --download: also http: URLs
  --allow-private-network  with --download: also localhost, private and link-local addresses
  --json            print the final task as JSON instead of its file URLs`;

const HELP: Record<CommandName | 'overview', string> = {
  overview: `vidgo: check, wait for and download Vidgo generation tasks

Usage:
  vidgo status <task-id> [--json]
  vidgo wait <task-id> [--timeout 10m] [--model M] [--download DIR]
  vidgo submit --model M --prompt P [--wait] [--download DIR] [--timeout 10m]
  vidgo <command> --help
  vidgo --version

Durations: 90s, 10m, 1h, 1h30m, or milliseconds (1500).
Progress goes to stderr (a live bar on a terminal, one line per change otherwise);
results go to stdout.

${ENVIRONMENT}

${EXIT_CODES}
`,
  status: `Usage: vidgo status <task-id> [--json]

Prints a task's status, progress, creation time, error and files.

Options:
  --json            print the task as the API sent it (JSON)
${GLOBAL_OPTIONS}

Exit codes: 0 the task was read (whatever its status), 3 usage, 4 key or task not found, 5 other.
`,
  wait: `Usage: vidgo wait <task-id> [options]

Polls until the task is finished or failed, showing its progress on stderr, then prints its
file URLs (or, with --download, the paths written) on stdout.

Options:
  -m, --model M     the task's model (e.g. sora-2): its typical duration shapes the polling
${WAIT_OPTIONS}
${GLOBAL_OPTIONS}

${EXIT_CODES}
`,
  submit: `Usage: vidgo submit --model M --prompt P [options]

Starts a task and prints its id. With --wait (implied by --download, --timeout and --expect)
it then waits like \`vidgo wait\`. The id is printed on stderr as soon as the task exists:
it costs credits even if the wait is interrupted.

Options:
  -m, --model M     model name, e.g. gpt-image-2, sora-2, veo3.1/text-to-video (required)
  -p, --prompt P    the prompt (required)
  -w, --wait        wait until the task is done
${WAIT_OPTIONS}
${GLOBAL_OPTIONS}

${EXIT_CODES}
`,
};

export function helpText(topic?: CommandName): string {
  return HELP[topic ?? 'overview'];
}
