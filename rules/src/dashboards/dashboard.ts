import {
  activeUsersQuery,
  binary,
  funnelPanelQueries,
  generalRuleNames,
  labelNames,
  livePanelMaxDataPoints,
  livePanelQueries,
  matcher,
  panelRoleOptionValues,
  selector,
  sumBy,
  type PanelQuery,
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
  /** Grafana's "Min step". */
  readonly interval?: string;
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
  /** Grafana's max data points for the panel's queries (default: the panel's width in pixels). */
  readonly maxDataPoints?: number;
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
  const live = livePanelQueries(ns, { scope: scope?.name ?? '', window: window?.text ?? '' });
  add(
    {
      type: panelPluginId,
      title: 'Live activity',
      description:
        'Active users now, events per second, and recent events from exemplars: Grafana keeps one event per query step, so the feed says how much of the range it shows.',
      targets: live.map(panelTarget),
      // As many data points as Grafana allows, so the feed's step (and its sample) is as fine as its min step.
      maxDataPoints: livePanelMaxDataPoints,
      options: { mode: 'live', namespace: ns, ...panelRoleOptionValues(live), feedLength: 50 },
      fieldConfig: { defaults: {}, overrides: [] },
    },
    12,
    12
  );
  for (const funnel of spec.funnels) {
    const minVolume = funnelMinVolume(spec, funnel);
    add(funnelPanel(ns, funnel, minVolume), 12, 12);
    if (funnel.breakdown !== undefined) {
      add(funnelPanel(ns, funnel, minVolume, funnel.breakdown), 12, 12);
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

function panelTarget(query: PanelQuery): DashboardTarget {
  return {
    refId: query.refId,
    expr: query.expr,
    ...(query.instant ? { instant: true } : {}),
    ...(query.range ? { range: true } : {}),
    ...(query.exemplar ? { exemplar: true } : {}),
    ...(query.minStep === undefined ? {} : { interval: query.minStep }),
  };
}

/**
 * The volume below which the funnel panel calls a conversion "not enough data": the smallest
 * minVolume of the spec's conversion alerts on the funnel (the volume they already judge at);
 * undefined, the panel's default, when no alert watches the funnel.
 */
export function funnelMinVolume(spec: AnalyticsSpec, funnel: FunnelSpec): number | undefined {
  const volumes = spec.alerts.flatMap((alert) =>
    alert.target.type === 'conversion' && alert.target.funnel === funnel.name ? [alert.minVolume] : []
  );
  return volumes.length === 0 ? undefined : Math.min(...volumes);
}

function funnelPanel(
  namespace: string,
  funnel: FunnelSpec,
  minVolume: number | undefined,
  breakdown?: string
): Omit<DashboardPanel, 'id' | 'gridPos' | 'datasource'> {
  const queries = funnelPanelQueries(namespace, { funnel: funnel.name, breakdown, baselineAgo: '1w' });
  return {
    type: panelPluginId,
    title: breakdown === undefined ? `Funnel: ${funnel.name}` : `Funnel: ${funnel.name} by ${breakdown}`,
    description: funnel.description ?? `${funnel.steps.map((s) => s.name).join(' → ')} within ${funnel.window.text}`,
    targets: queries.map((query) =>
      query.role === 'steps' ? { ...panelTarget(query), legendFormat: `{{${labelNames.step}}}` } : panelTarget(query)
    ),
    options: {
      mode: 'funnel',
      namespace,
      ...panelRoleOptionValues(queries),
      // Every query is an instant increase over the dashboard's range: each series' last value is its count.
      calculation: 'lastNotNull',
      orientation: 'horizontal',
      percentBase: 'first',
      breakdownLabel: breakdown ?? '',
      ...(minVolume === undefined ? {} : { minVolume }),
      showEmptyGroups: false,
      showDropOff: true,
      showLegend: true,
    },
    // Counts in the panel's own unit (whole numbers, `1,000`), not Grafana's short `1 K`.
    fieldConfig: { defaults: {}, overrides: [] },
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
