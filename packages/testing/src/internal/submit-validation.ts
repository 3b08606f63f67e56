import type { SubmitBody } from '../simulator-types.ts';

/** One entry of a FastAPI 422 `detail` array. */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
}

export type SubmitParse = { ok: true; body: SubmitBody } | { ok: false; issues: ValidationIssue[] };

/** Validates a submit body the way the API's FastAPI models do, reporting every issue at once. */
export function parseSubmitBody(text: string): SubmitParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error' }] };
  }
  if (!isObject(json)) {
    return {
      ok: false,
      issues: [
        {
          type: 'model_attributes_type',
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
        },
      ],
    };
  }
  const issues: ValidationIssue[] = [];
  checkString(json, 'model', ['body', 'model'], issues);
  if (json.callback_url !== undefined && json.callback_url !== null)
    checkString(json, 'callback_url', ['body', 'callback_url'], issues);
  if (json.input === undefined) {
    issues.push(missing(['body', 'input']));
  } else if (!isObject(json.input)) {
    issues.push({ type: 'dict_type', loc: ['body', 'input'], msg: 'Input should be a valid dictionary' });
  } else {
    checkString(json.input, 'prompt', ['body', 'input', 'prompt'], issues);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, body: json as unknown as SubmitBody };
}

function checkString(object: Record<string, unknown>, key: string, loc: string[], issues: ValidationIssue[]): void {
  if (object[key] === undefined) issues.push(missing(loc));
  else if (typeof object[key] !== 'string')
    issues.push({ type: 'string_type', loc, msg: 'Input should be a valid string' });
}

function missing(loc: string[]): ValidationIssue {
  return { type: 'missing', loc, msg: 'Field required' };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
