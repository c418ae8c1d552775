import { spawn, type ChildProcess } from 'node:child_process';
import type { AnalyticsSpec } from '@nowcast/otel-exporter/spec';
import { repoRoot } from './shop';
import type { ShopStack } from './stack';

/** The preview shows a funnel (the spec's first unless named) and the first active-user scope and window. */
function previewChoices(spec: AnalyticsSpec, funnel?: string): string[] {
  const choices: [string, string | undefined][] = [
    ['--funnel', funnel ?? spec.funnels[0]?.name],
    ['--scope', spec.activeUsers.scopes[0]?.name],
    ['--window', spec.activeUsers.windows[0]?.text],
    ['--namespace', spec.namespace],
  ];
  return choices.flatMap(([flag, value]) => (value === undefined ? [] : [flag, value]));
}

/** The panel preview (grafana-panel's, with the built plugin) on the stack's Prometheus. */
export function startPreview(
  stack: ShopStack,
  port: number,
  output: 'inherit' | 'ignore',
  funnel?: string
): ChildProcess {
  return spawn(
    'npm',
    [
      'run',
      '--silent',
      'preview',
      '-w',
      'grafana-panel',
      '--',
      '--prometheus',
      stack.prometheus.url,
      '--port',
      String(port),
      ...previewChoices(stack.spec, funnel),
    ],
    // Its own process group, so stopping the demo stops npm's children too (ts-node, the server).
    { cwd: repoRoot, stdio: ['ignore', output, output], detached: true }
  );
}
