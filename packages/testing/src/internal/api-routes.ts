import type { SubmitBody, TaskScript } from '../simulator-types.ts';
import type { Credits } from './credits.ts';
import { errorResponse, jsonResponse, type ErrorShape } from './responses.ts';
import { parseSubmitBody } from './submit-validation.ts';
import type { TaskStore } from './task-store.ts';

export interface RouteContext {
  tasks: TaskStore;
  credits: Credits;
  errorShape: ErrorShape;
  submitScript?: (body: SubmitBody) => TaskScript | undefined;
}

/** `GET /api/generate/status/{task_id}` for an authenticated key. */
export function answerStatus(context: RouteContext, taskId: string, apiKey: string): Response {
  const record = context.tasks.get(taskId);
  if (!record) return errorResponse(context.errorShape, 404, 'Task not found');
  if (record.apiKey !== apiKey) return errorResponse(context.errorShape, 403, 'You do not have access to this task');
  return jsonResponse(200, { code: 200, data: context.tasks.wire(taskId) });
}

/** `POST /api/generate/submit` for an authenticated key. */
export async function answerSubmit(context: RouteContext, request: Request, apiKey: string): Promise<Response> {
  const parsed = parseSubmitBody(await request.text());
  if (!parsed.ok) {
    if (context.errorShape === 'detail') return jsonResponse(422, { detail: parsed.issues });
    const message = parsed.issues.map((issue) => `${issue.loc.join('.')}: ${issue.msg}`).join('; ');
    return errorResponse('error', 400, message);
  }
  // The newest docs answer 400 with a detail; the older ones 402 with an error object.
  if (!context.credits.spend(apiKey)) {
    return context.errorShape === 'detail'
      ? errorResponse('detail', 400, 'Insufficient credits')
      : errorResponse('error', 402, 'Insufficient credits');
  }
  const { body } = parsed;
  const script = context.submitScript?.(body) ?? {};
  const taskId = context.tasks.create({
    ...script,
    model: body.model,
    apiKey,
    ...(typeof body.callback_url === 'string' ? { callbackUrl: body.callback_url } : {}),
  });
  const task = context.tasks.wire(taskId);
  return jsonResponse(200, {
    code: 200,
    data: { task_id: taskId, status: task?.status, created_time: task?.created_time },
  });
}
