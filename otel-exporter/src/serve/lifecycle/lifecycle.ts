import type { InFlight } from '../limits/inFlight';
import { retryAfterSeconds } from '../limits/inFlight';
import { refuse } from '../refusal';

const pollMs = 25;

/**
 * Serving, then draining: on SIGTERM readiness fails and new ingest requests are refused (503,
 * retry elsewhere) while those in flight finish; `/metrics` keeps answering through a grace period
 * so Prometheus scrapes the last increments before the process exits.
 */
export class Lifecycle {
  private draining = false;

  constructor(private readonly inFlight: InFlight) {}

  get ready(): boolean {
    return !this.draining;
  }

  /** Refuses a new ingest request once draining has begun. */
  admit(): void {
    if (this.draining) {
      refuse('unavailable', 'this instance is shutting down; send to another one', retryAfterSeconds);
    }
  }

  /** Starts draining; resolves when in-flight requests are done (or `maxWaitMs` passed) and `graceMs` more. */
  async drain(graceMs: number, maxWaitMs: number): Promise<void> {
    this.draining = true;
    const deadline = Date.now() + maxWaitMs;
    while (this.inFlight.requests > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    await new Promise((resolve) => setTimeout(resolve, graceMs));
  }
}
