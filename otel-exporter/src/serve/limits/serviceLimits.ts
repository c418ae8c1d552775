/** What one instance of the service accepts; every limit answers with its own status and message. */
export interface ServiceLimits {
  /** Largest request body as sent (compressed or not); beyond it 413 (gRPC: RESOURCE_EXHAUSTED). */
  readonly maxBodyBytes: number;
  /** Largest body after gzip or zstd; beyond it 413. */
  readonly maxDecompressedBytes: number;
  /** Deepest nesting of array and key-value-list attribute values; beyond it 400. */
  readonly maxAttributeDepth: number;
  /** Most attributes on one log record; beyond it 400. */
  readonly maxAttributes: number;
  /** Ingest requests received, decoded or recorded at once; beyond it 429 (gRPC: UNAVAILABLE). */
  readonly maxInFlightRequests: number;
  /** Body bytes held in memory at once, compressed and decompressed; beyond it 503. */
  readonly maxInFlightBytes: number;
  /** Time to receive a request's headers; beyond it 408 and the connection is closed. */
  readonly headersTimeoutMs: number;
  /** Time to receive a request's body; beyond it 408 and the connection is closed. */
  readonly bodyTimeoutMs: number;
}

const mib = 1024 * 1024;

export const defaultServiceLimits: ServiceLimits = {
  maxBodyBytes: 16 * mib,
  maxDecompressedBytes: 16 * mib,
  maxAttributeDepth: 8,
  maxAttributes: 128,
  maxInFlightRequests: 64,
  maxInFlightBytes: 64 * mib,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
};

/** Why a set of limits cannot work, or undefined: a body of each maximum size must fit in flight. */
export function limitsProblem(limits: ServiceLimits): string | undefined {
  const needed = limits.maxBodyBytes + limits.maxDecompressedBytes;
  if (limits.maxInFlightBytes < needed) {
    return (
      `limits.maxInFlightBytes (${limits.maxInFlightBytes}) must hold a largest body as sent and decompressed ` +
      `(maxBodyBytes + maxDecompressedBytes = ${needed}); every such request would get 503`
    );
  }
  return undefined;
}

/**
 * Decoding is synchronous, so one request's working set exists at a time: its body, the body as
 * text, the parsed JSON and the decoded records, about 4.6 times the decompressed body on OTLP/JSON,
 * the most expansive input (measured; see docs/scaling.md).
 */
export const decodeExpansion = 5;

/**
 * What V8 lets accumulate before a full collection: the decode garbage of the requests before,
 * and the chunks of refused bodies read and dropped. Measured under the memory test's load.
 */
export const collectionSlackBytes = 192 * mib;

/**
 * The most memory the service takes above its steady state (after its first largest request),
 * whatever and however many clients send: the bytes in flight, one decode's working set, and V8's
 * collection slack. With the defaults: 64 + 5 × 16 + 192 = 336 MiB. The memory test holds the
 * service to it under 100 concurrent largest requests and 100 concurrent gzip bombs.
 */
export function peakMemoryBound(limits: ServiceLimits): number {
  return limits.maxInFlightBytes + decodeExpansion * limits.maxDecompressedBytes + collectionSlackBytes;
}
