/**
 * Real PanelProps for component tests, built the way Grafana's `test-utils.ts getPanelProps` and
 * its query runner do: data through Grafana's data steps (`host/grafana`: the Prometheus
 * backend's frames, the frontend's table and annotation handling, field overrides), the
 * plugin's defaults, a real theme, time range and event bus.
 */
import {
  createTheme,
  dateTime,
  EventBusSrv,
  LoadingState,
  ThemeContext,
  type DataFrame,
  type FieldConfigSource,
  type PanelData,
  type PanelProps,
} from '@grafana/data';
import { render } from '@testing-library/react';
import React from 'react';
import { registerStandardOptions } from '../../host/client/standardOptions';
import { toPanelData } from '../../host/grafana/panelData';
import type { GrafanaScene } from '../../host/grafana/types';
import { AnalyticsPanel } from '../components/AnalyticsPanel';
import { grafanaScene, type QueryFixture } from '../data/fixtures/prometheus';
import { plugin } from '../module';
import { defaultPanelOptions, type PanelOptions } from '../types';

export type ThemeName = 'light' | 'dark';

export interface PanelPropsInput {
  options?: Partial<PanelOptions>;
  /** The queries and their answers, from `grafanaScene`; none for a panel without queries. */
  scene?: GrafanaScene;
  state?: LoadingState;
  fieldConfig?: FieldConfigSource['defaults'];
  width?: number;
  height?: number;
  theme?: ThemeName;
}

/** The panel's field config: its saved defaults over the plugin's, as Grafana's PanelModel applies them. */
export function fieldConfigWithDefaults(extra: FieldConfigSource['defaults'] = {}): FieldConfigSource {
  registerStandardOptions();
  return { defaults: { ...plugin.fieldConfigDefaults.defaults, ...extra }, overrides: [] };
}

/** PanelData for a scene, through Grafana's frontend steps. */
export function panelDataOf(
  scene: GrafanaScene | undefined,
  options: { fieldConfig?: FieldConfigSource; state?: LoadingState; theme?: ThemeName } = {}
): PanelData {
  registerStandardOptions();
  const range = scene?.range ?? { from: 0, to: 0, raw: { from: 'now-1h', to: 'now' } };
  const raw = (text: string) => (text.startsWith('now') ? text : dateTime(text));
  return toPanelData({
    response: scene?.response ?? { frames: [], errors: [] },
    targets: scene?.targets ?? [],
    destinations: scene?.datasource.exemplarTraceIdDestinations,
    fieldConfig: options.fieldConfig ?? fieldConfigWithDefaults(),
    theme: createTheme({ colors: { mode: options.theme ?? 'dark' } }),
    timeRange: {
      from: dateTime(range.from),
      to: dateTime(range.to),
      raw: { from: raw(range.raw.from), to: raw(range.raw.to) },
    },
    timeZone: 'utc',
    state: options.state ?? LoadingState.Done,
  });
}

/** The series Grafana would give a panel for these queries: for tests of the pure transforms. */
export async function seriesOf(fixtures: readonly QueryFixture[]): Promise<DataFrame[]> {
  return panelDataOf(await grafanaScene(fixtures)).series;
}

export function getPanelProps(input: PanelPropsInput = {}): PanelProps<PanelOptions> {
  const fieldConfig = fieldConfigWithDefaults(input.fieldConfig);
  const data = panelDataOf(input.scene, { fieldConfig, state: input.state, theme: input.theme });
  return {
    id: 1,
    data,
    timeRange: data.timeRange,
    timeZone: 'utc',
    options: { ...defaultPanelOptions, ...(plugin.defaults as Partial<PanelOptions>), ...input.options },
    fieldConfig,
    transparent: false,
    width: input.width ?? 720,
    height: input.height ?? 420,
    renderCounter: 0,
    title: 'Test panel',
    eventBus: new EventBusSrv(),
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (value: string) => value,
    onChangeTimeRange: jest.fn(),
  };
}

/** Renders the panel under a theme, as Grafana's ThemeProvider does; returns RTL's result. */
export function renderPanel(props: PanelProps<PanelOptions>, theme: ThemeName = 'dark') {
  const wrap = (p: PanelProps<PanelOptions>) => (
    <ThemeContext.Provider value={createTheme({ colors: { mode: theme } })}>
      <AnalyticsPanel {...p} />
    </ThemeContext.Provider>
  );
  const result = render(wrap(props));
  return { ...result, rerenderPanel: (next: PanelProps<PanelOptions>) => result.rerender(wrap(next)) };
}
