import type { MetricsHandler } from '../expose/metricsHandler';
import type { Nowcast } from '../nowcast';
import type { TokenSet } from './auth/tokenSet';
import type { CorsPolicy } from './http/cors';
import type { Lifecycle } from './lifecycle/lifecycle';
import type { InFlight } from './limits/inFlight';
import type { ServiceLimits } from './limits/serviceLimits';
import type { ServiceMetrics } from './metrics/serviceMetrics';
import type { RecordShape } from './otlp/recordShape';
import type { SegmentMapping } from './segment/segmentCalls';

/** What the HTTP and gRPC front ends share: one pipeline, one budget, one lifecycle, one set of counters. */
export interface ServiceParts {
  readonly nowcast: Nowcast;
  readonly limits: ServiceLimits;
  readonly shape: RecordShape;
  readonly segment: SegmentMapping;
  readonly inFlight: InFlight;
  readonly lifecycle: Lifecycle;
  readonly metrics: ServiceMetrics;
  readonly ingestTokens: TokenSet;
  readonly metricsTokens: TokenSet;
  readonly cors: CorsPolicy;
  readonly metricsPath: string;
  readonly metricsHandler: MetricsHandler;
}
