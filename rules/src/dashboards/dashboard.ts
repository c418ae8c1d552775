import {
  activeUsersQuery,
  binary,
  eventRatesQuery,
  funnelStepsQuery,
  generalRuleNames,
  labelNames,
  matcher,
  medianTimeToConvertQuery,
  selector,
  sumBy,
} from '@nowcast/otel-exporter/contract';
import type { AnalyticsSpec, FunnelSpec } from '@nowcast/otel-exporter/spec';
import { valueUnits } from '../generate/recording';
import { funnelWindowSeconds } from '../model/windows';

/*
 * The Grafana dashboard of a spec: live activity and one funnel panel per funnel (the
 * nowcast-analytics-panel plugin), then event, value, conversion and active-user time series.
 * Queries come from the contract (its panel queries and rule names), never spelled here.
 */

export const panelPluginId = 'nowcast-analytics-panel';
export const datasourceUid = 'nowcast-prometheus';

export interface DashboardTarget {
  readonly refId: string;
  readonly expr: string;
  readonly legendFormat?: string;
  readonly instant?: boolean;
  readonly range?: boolean;
  readonly exemplar?: boolean;
}

export interface DashboardPanel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly description?: string;
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly datasource: { readonly type: 'prometheus'; readonly uid: string };
  readonly targets: readonly DashboardTarget[];
  readonly options?: Readonly<Record<string, unknown>>;
  readonly fieldConfig: { readonly defaults: Readonly<Record<string, unknown>>; readonly overrides: readonly [] };
}

export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly refresh: string;
  readonly time: { readonly from: string; readonly to: string };
  readonly schemaVersion: number;
  readonly panels: readonly DashboardPanel[];
}

/** The dashboard's uid: the one `links.dashboard` points at (`…/d/<uid>/…`), else `nowcast-<namespace>`. */
export function dashboardUid(spec: AnalyticsSpec): string {
  const fromLink = spec.links.dashboard === undefined ? undefined : /\/d\/([^/?#]+)/.exec(spec.links.dashboard)?.[1];
  return fromLink ?? `nowcast-${spec.namespace}`;
}

/** Every dashboard query, for checks that the PromQL parses. */
export function dashboardQueries(dashboard: Dashboard): string[] {
  return dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
}

export function buildDashboard(spec: AnalyticsSpec): Dashboard {
  const ns = spec.namespace;
  const rules = generalRuleNames(ns);
  const legend = (label: string) => `{{${label}}}`;
  const panels: Omit<DashboardPanel, 'id' | 'gridPos'>[] = [];
  const sizes: { w: number; h: number }[] = [];
  const add = (panel: Omit<DashboardPanel, 'id' | 'gridPos' | 'datasource'>, w: number, h: number) => {
    panels.push({ ...panel, datasource: { type: 'prometheus', uid: datasourceUid } });
    sizes.push({ w, h });
  };

  const [scope] = spec.activeUsers.scopes;
  const [window] = spec.activeUsers.windows;
  add(
    {
      type: panelPluginId,
      title: 'Live activity',
      description: 'Active users now, events per second, and the latest events (from exemplars).',
      targets: [
        { refId: 'A', expr: activeUsersQuery(ns, scope?.name ?? '', window?.text ?? ''), range: true },
        { refId: 'B', expr: eventRatesQuery(ns), range: true, exemplar: true },
      ],
      options: { mode: 'live', feedLength: 50, namespace: ns },
      fieldConfig: { defaults: {}, overrides: [] },
    },
    12,
    12
  );
  for (const funnel of spec.funnels) {
    add(funnelPanel(ns, funnel), 12, 12);
    if (funnel.breakdown !== undefined) {
      add(funnelPanel(ns, funnel, funnel.breakdown), 12, 12);
    }
  }
  add(
    timeSeries('Events per second', [
      { refId: 'A', expr: sumBy([labelNames.event], rules.eventRate(60)), legendFormat: legend(labelNames.event) },
    ]),
    12,
    8
  );
  // One panel per unit: EUR and items never share an axis.
  for (const unit of valueUnits(spec)) {
    const perSecond = sumBy([labelNames.event], rules.eventValueRate(unit, funnelWindowSeconds));
    add(
      timeSeries(`Value per minute (${unit})`, [
        { refId: 'A', expr: binary(60, '*', perSecond), legendFormat: legend(labelNames.event) },
      ]),
      12,
      8
    );
  }
  for (const funnel of spec.funnels) {
    add(
      timeSeries(
        `${funnel.name}: conversion from the first step (live and settled)`,
        [
          {
            refId: 'A',
            expr: selector(rules.conversionFromFirstStep(funnelWindowSeconds), [
              matcher(labelNames.funnel, funnel.name),
            ]),
            legendFormat: `live ${legend(labelNames.step)}`,
          },
          {
            refId: 'B',
            expr: selector(rules.settledConversionFromFirstStep(funnelWindowSeconds), [
              matcher(labelNames.funnel, funnel.name),
            ]),
            legendFormat: `settled ${legend(labelNames.step)}`,
          },
        ],
        'percentunit'
      ),
      12,
      8
    );
  }
  add(
    timeSeries('Active users', [
      {
        refId: 'A',
        expr: activeUsersQuery(ns),
        legendFormat: `${legend(labelNames.scope)} · ${legend(labelNames.window)}`,
      },
    ]),
    12,
    8
  );

  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const placed = panels.map((panel, index) => {
    const size = sizes[index] ?? { w: 12, h: 8 };
    if (x + size.w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { x, y, w: size.w, h: size.h };
    x += size.w;
    rowHeight = Math.max(rowHeight, size.h);
    return { id: index + 1, gridPos, ...panel };
  });

  return {
    uid: dashboardUid(spec),
    title: `Nowcast · ${spec.namespace}`,
    tags: ['nowcast', spec.namespace],
    refresh: '10s',
    time: { from: 'now-1h', to: 'now' },
    schemaVersion: 39,
    panels: placed,
  };
}

function funnelPanel(
  namespace: string,
  funnel: FunnelSpec,
  breakdown?: string
): Omit<DashboardPanel, 'id' | 'gridPos' | 'datasource'> {
  return {
    type: panelPluginId,
    title: breakdown === undefined ? `Funnel: ${funnel.name}` : `Funnel: ${funnel.name} by ${breakdown}`,
    description: funnel.description ?? `${funnel.steps.map((s) => s.name).join(' → ')} within ${funnel.window.text}`,
    targets: [
      {
        refId: 'A',
        expr: funnelStepsQuery(namespace, { funnel: funnel.name, breakdown }),
        instant: true,
        legendFormat: `{{${labelNames.step}}}`,
      },
      { refId: 'B', expr: funnelStepsQuery(namespace, { funnel: funnel.name, breakdown, ago: '1w' }), instant: true },
      { refId: 'C', expr: medianTimeToConvertQuery(namespace, funnel.name), instant: true },
    ],
    options: {
      mode: 'funnel',
      namespace,
      orientation: 'horizontal',
      percentBase: 'first',
      comparisonRefId: 'B',
      timeToConvertRefId: 'C',
      breakdownLabel: breakdown ?? '',
      showDropOff: true,
      showLegend: true,
    },
    fieldConfig: { defaults: { unit: 'short' }, overrides: [] },
  };
}

function timeSeries(
  title: string,
  targets: DashboardTarget[],
  unit = 'short'
): Omit<DashboardPanel, 'id' | 'gridPos' | 'datasource'> {
  return {
    type: 'timeseries',
    title,
    targets: targets.map((t) => ({ ...t, range: true })),
    options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
    fieldConfig: { defaults: { unit }, overrides: [] },
  };
}
