import { defaultNamespace } from '../../contract/families';

/** Defaults applied where the spec is silent; documented in otel-exporter/README.md. */
export const specDefaults = {
  namespace: defaultNamespace,
  seriesBudget: 20_000,
  maxFunnelUsers: 100_000,
  timestampSkewSeconds: 300,
  maxValues: 20,
  valueIdleTimeoutSeconds: 3600,
  conversionWindowSeconds: 1800,
  team: 'product',
  severity: 'warning',
  minVolume: 10,
  alertWindowSeconds: 300,
  forSeconds: 120,
  /** z of every alert's significance test (and the anomaly band) unless the alert sets `sensitivity`. */
  sensitivity: 3,
  scrapeIntervalSeconds: 15,
  /** A/B launch guard: exposures per window before the split is judged, the window, how far apart variants must be. */
  abMinVolume: 1000,
  abWindowSeconds: 3600,
  abFactor: 3,
  hllPrecision: 10,
  activeUserWindows: [300, 3600, 86400],
  activeUserScope: 'all',
  exemplarUserId: 'hashed',
  exemplarKeyEnv: 'NOWCAST_USER_ID_KEY',
} as const;
