// The one error body every InScope HTTP endpoint returns: `{ error: { code, message } }`. Messages
// are written for the caller; they never carry stack traces, secrets or request bodies.
import type { Response } from 'express';

export interface JsonErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}

export function sendJsonError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  const body: JsonErrorBody = { error: details === undefined ? { code, message } : { code, message, details } };
  res.status(status).type('application/json').send(JSON.stringify(body));
}
