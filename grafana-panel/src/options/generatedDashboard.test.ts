/**
 * The generated dashboard (`provisioning/grafana/dashboards/nowcast/`, written by the rules
 * package from the shop spec) against the panel: every option it sets is one the panel keeps as
 * it is, every query has exactly one part, and the live panel's query settings give the feed the
 * 1 s sampling step the panel's sample notice is designed around.
 */
import type { PanelModel } from '@grafana/data';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planRequests } from '../../host/grafana/promRequests';
import type { PromTarget } from '../../host/grafana/types';
import { funnelRoles } from '../data/funnel/funnelStatus';
import { liveRoles } from '../data/live/liveStatus';
import { checkRoles } from '../data/queries/queryRoles';
import type { PanelOptions } from '../types';
import { migrateOptions } from './migrateOptions';

interface SavedPanel {
  readonly type: string;
  readonly title: string;
  readonly options: Record<string, unknown>;
  readonly targets: PromTarget[];
  readonly maxDataPoints?: number;
}

const dashboardsDir = join(__dirname, '..', '..', '..', 'provisioning', 'grafana', 'dashboards', 'nowcast');
const panels: SavedPanel[] = readdirSync(dashboardsDir)
  .filter((file) => file.endsWith('.json'))
  .flatMap((file) => (JSON.parse(readFileSync(join(dashboardsDir, file), 'utf8')) as { panels: SavedPanel[] }).panels)
  .filter((panel) => panel.type === 'nowcast-analytics-panel');

function migrated(panel: SavedPanel): PanelOptions {
  return migrateOptions({ id: 1, options: panel.options, targets: panel.targets } as unknown as PanelModel<
    Partial<PanelOptions>
  >);
}

function parts(options: PanelOptions) {
  return options.mode === 'live' ? liveRoles(options) : funnelRoles(options);
}

describe('the generated dashboard’s panels', () => {
  it('are there: live activity and the funnels', () => {
    expect(panels.map((panel) => panel.options.mode)).toEqual(expect.arrayContaining(['live', 'funnel']));
  });

  it.each(panels.map((panel) => [panel.title, panel] as const))(
    '%s: sets only options the panel keeps as they are',
    (_, panel) => {
      const options = migrated(panel);
      for (const [key, value] of Object.entries(panel.options)) {
        expect([key, options[key as keyof PanelOptions]]).toEqual([key, value]);
      }
    }
  );

  it.each(panels.map((panel) => [panel.title, panel] as const))(
    '%s: gives every query exactly one part',
    (_, panel) => {
      expect(
        checkRoles(
          parts(migrated(panel)),
          panel.targets.map((target) => target.refId),
          'the panel options'
        ).notices
      ).toEqual([]);
    }
  );

  it('asks Grafana for a 1 s feed step over the default hour, 10 s over a day', () => {
    const live = panels.find((panel) => panel.options.mode === 'live')!;
    const feed = live.targets.find((target) => target.refId === migrated(live).feedRefId)!;
    const step = (hours: number) =>
      planRequests(
        feed,
        { from: 0, to: hours * 3_600_000, maxDataPoints: live.maxDataPoints ?? 0 },
        { scrapeInterval: '5s' }
      ).find((request) => request.kind === 'exemplars')?.stepMs;
    expect(step(1)).toBe(1000);
    expect(step(24)).toBe(10_000);
  });
});
