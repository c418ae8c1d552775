/**
 * Why a whole request is refused, before any of its records is counted. Each kind has one HTTP
 * status and one gRPC status; the message tells the client what to change and never carries an
 * internal error's text.
 */
export const refusalKinds = {
  invalid: { http: 400, grpc: 'INVALID_ARGUMENT' },
  unauthenticated: { http: 401, grpc: 'UNAUTHENTICATED' },
  forbidden: { http: 403, grpc: 'PERMISSION_DENIED' },
  notFound: { http: 404, grpc: 'UNIMPLEMENTED' },
  wrongMethod: { http: 405, grpc: 'UNIMPLEMENTED' },
  timeout: { http: 408, grpc: 'DEADLINE_EXCEEDED' },
  tooLarge: { http: 413, grpc: 'RESOURCE_EXHAUSTED' },
  unsupported: { http: 415, grpc: 'UNIMPLEMENTED' },
  /** Too many requests in flight: the client should slow down and retry. */
  tooMany: { http: 429, grpc: 'UNAVAILABLE' },
  /** A bug in the service; nothing of the request was counted. */
  internal: { http: 500, grpc: 'INTERNAL' },
  /** Not enough memory budget now, or shutting down: retry (elsewhere). */
  unavailable: { http: 503, grpc: 'UNAVAILABLE' },
} as const;

export type RefusalKind = keyof typeof refusalKinds;

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    /** Seconds for `Retry-After` (429 and 503). */
    readonly retryAfterSeconds?: number
  ) {
    super(message);
  }

  get httpStatus(): number {
    return refusalKinds[this.kind].http;
  }
}

/** Throws a refusal; decoders call it deep inside and the edge answers it. */
export function refuse(kind: RefusalKind, message: string, retryAfterSeconds?: number): never {
  throw new Refusal(kind, message, retryAfterSeconds);
}
