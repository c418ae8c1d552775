import { defaultNamespace } from '../../contract/families';

/** Defaults applied where the spec is silent; documented in otel-exporter/README.md. */
export const specDefaults = {
  namespace: defaultNamespace,
  seriesBudget: 20_000,
  maxFunnelUsers: 100_000,
  timestampSkewSeconds: 300,
  maxValues: 20,
  conversionWindowSeconds: 1800,
  team: 'product',
  severity: 'warning',
  minVolume: 10,
  alertWindowSeconds: 300,
  forSeconds: 120,
  anomalySensitivity: 3,
  hllPrecision: 10,
  activeUserWindows: [300, 3600, 86400],
  activeUserScope: 'all',
  exemplarUserId: 'hashed',
  exemplarKeyEnv: 'NOWCAST_USER_ID_KEY',
} as const;
