import { apiError, fieldError, type ApiError, type ErrorCode } from '@comptoir/shared';
import { logger } from '../log/logger.js';
import { MAX_JSON_DEPTH, jsonShapeProblem, textNestsDeeperThan } from './json-intake.js';

/** The largest request body any endpoint reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A JSON response. */
export function jsonResponse(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** An error response in the shared ApiError shape. */
export function errorResponse(status: number, error: ApiError | ErrorCode): Response {
  return jsonResponse(typeof error === 'string' ? apiError(error) : error, status, {
    'cache-control': 'no-store',
  });
}

/** Thrown by helpers to end a request with an error response; caught by `handleApi`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.code);
  }
}

/** Shorthand: throw an HttpError with a catalogue code. */
export function fail(status: number, code: ErrorCode, fields?: ApiError['fields']): never {
  throw new HttpError(status, apiError(code, fields));
}

/** How much of an over-size body is read and thrown away so that its 413 can be delivered. */
const DISCARD_LIMIT_BYTES = 8 * MAX_BODY_BYTES;

/**
 * Reads the rest of an over-size body without keeping it, up to a limit: cancelling the stream
 * destroys the connection, and a chunked sender then got a dropped connection instead of the
 * documented 413. Past the limit the sender is not worth answering.
 */
export async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let discarded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    discarded += value.byteLength;
    if (discarded > DISCARD_LIMIT_BYTES) {
      await reader.cancel();
      return;
    }
  }
}

/**
 * Reads a JSON body of at most {@link MAX_BODY_BYTES} bytes, counting while streaming so a
 * lying or absent Content-Length cannot make us buffer more. Not JSON -> 400 invalid_input.
 * Nesting deeper than {@link MAX_JSON_DEPTH} or a special key anywhere (./json-intake.ts)
 * -> 400 with the field; except in a batch (`{ ops: [...] }`), whose ops are each checked
 * on their own so that one bad op is rejected alone.
 */
export async function readJsonBody(
  request: Request,
  options: { isBatch?: boolean } = {},
): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) fail(413, 'payload_too_large');
  if (!request.body) fail(400, 'invalid_input');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await discardRest(reader);
      fail(413, 'payload_too_large');
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!options.isBatch && textNestsDeeperThan(text, MAX_JSON_DEPTH)) {
    fail(400, 'invalid_input', [fieldError('', 'json_too_deep')]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail(400, 'invalid_input', [fieldError('', 'invalid_format')]);
  }
  // A batch's envelope keys are checked here, each op by the intake (depth unbounded:
  // JSON.parse is iterative and the body is at most 1 MiB).
  const problem = options.isBatch ? jsonShapeProblem(value, 1) : jsonShapeProblem(value);
  if (problem && !(options.isBatch && problem.code === 'json_too_deep')) {
    fail(400, 'invalid_input', [fieldError(problem.path, problem.code)]);
  }
  return value;
}

/** Runs an endpoint body, turning HttpError into its response (and anything else into 500). */
export async function handleApi(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpError) return errorResponse(error.status, error.body);
    logger.error({ err: error }, 'unexpected error');
    return errorResponse(500, 'internal_error');
  }
}
