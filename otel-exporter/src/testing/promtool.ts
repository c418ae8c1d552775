import { runBinary } from '@nowcast/test-support';

/** Runs the real `promtool check metrics` over an exposition; returns its exit code and output. */
export function promtoolCheckMetrics(exposition: string): { status: number | null; output: string } {
  return runBinary('promtool', ['check', 'metrics'], { input: exposition });
}
