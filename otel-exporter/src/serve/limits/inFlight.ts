import { refuse } from '../refusal';
import type { ServiceLimits } from './serviceLimits';

/** Seconds a client is asked to wait before retrying a request refused for load. */
export const retryAfterSeconds = 1;

/**
 * Requests and body bytes in flight across the whole service (HTTP and gRPC). Admission is
 * all-or-nothing per step: a request that cannot have what it needs is refused with a retryable
 * status instead of waiting, so memory never grows with the number of clients.
 */
export class InFlight {
  requests = 0;
  bytes = 0;

  constructor(private readonly limits: ServiceLimits) {}

  /** A place for one more request, or a 429 refusal. */
  enter(): RequestBudget {
    if (this.requests >= this.limits.maxInFlightRequests) {
      refuse(
        'tooMany',
        `${this.requests} requests in flight, the most this service takes (limits.maxInFlightRequests); retry`,
        retryAfterSeconds
      );
    }
    this.requests++;
    return new RequestBudget(this);
  }

  /** @internal */
  tryReserve(bytes: number): boolean {
    if (this.bytes + bytes > this.limits.maxInFlightBytes) return false;
    this.bytes += bytes;
    return true;
  }

  /** @internal */
  release(bytes: number, leaving: boolean): void {
    this.bytes -= bytes;
    if (leaving) this.requests--;
  }
}

/** What one request holds: its place and the bytes it reserved, given back together. */
export class RequestBudget {
  private reserved = 0;
  private done = false;

  constructor(private readonly inFlight: InFlight) {}

  /** Reserves `bytes` more, or refuses with 503 (nothing is reserved then). */
  reserve(bytes: number): void {
    if (!this.inFlight.tryReserve(bytes)) {
      refuse(
        'unavailable',
        `too many bytes in flight to hold ${bytes} more (limits.maxInFlightBytes); retry`,
        retryAfterSeconds
      );
    }
    this.reserved += bytes;
  }

  /** Gives back `bytes` of what this request reserved (a buffer it no longer holds). */
  giveBack(bytes: number): void {
    const returned = Math.min(bytes, this.reserved);
    this.reserved -= returned;
    this.inFlight.release(returned, false);
  }

  /** Gives back every byte reserved so far (a refused request drops what it held at once). */
  giveBackAll(): void {
    this.giveBack(this.reserved);
  }

  /** Gives back everything, once. */
  leave(): void {
    if (this.done) return;
    this.done = true;
    this.inFlight.release(this.reserved, true);
    this.reserved = 0;
  }
}
