import { spawnSync } from 'node:child_process';
import { requireBinary } from '@nowcast/test-support';

/** Runs the real `promtool check metrics` over an exposition; returns its exit code and output. */
export function promtoolCheckMetrics(exposition: string): { status: number | null; output: string } {
  const result = spawnSync(requireBinary('promtool'), ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
