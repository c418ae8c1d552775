/** Helpers that start the real parts (Prometheus, Alertmanager) for tests, on loopback only. */
export { binaries, requireBinary, runBinary, type BinaryName, type BinaryRun } from './binaries';
export { freePort } from './ports';
export { startServer, tempDir, type RunningProcess } from './process';
export {
  scrapeJobName,
  startPrometheus,
  type PrometheusOptions,
  type PromSample,
  type PromExemplar,
  type RunningPrometheus,
} from './prometheus';
export { startAlertmanager, type AlertmanagerOptions, type AmAlert, type RunningAlertmanager } from './alertmanager';
export { runPromtoolTests } from './promtool';
export { prometheusNameOf, type OtlpMetricKind } from './otlpToPrometheus';
export { chromiumArgs, launchChromium } from './chromium';
export { vmalertDryRun, type VmalertCheck } from './vmalert';
