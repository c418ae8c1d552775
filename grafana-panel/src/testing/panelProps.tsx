/**
 * Real PanelProps for component tests, built the way Grafana's `test-utils.ts getPanelProps`
 * and its panel renderer do: the plugin's defaults, `applyFieldOverrides`, a real theme, time
 * range and event bus.
 */
import {
  applyFieldOverrides,
  createTheme,
  EventBusSrv,
  getDefaultTimeRange,
  LoadingState,
  ThemeContext,
  toDataFrame,
  type DataFrame,
  type DataFrameDTO,
  type DataQueryError,
  type FieldConfigSource,
  type PanelProps,
} from '@grafana/data';
import { render } from '@testing-library/react';
import React from 'react';
import { registerStandardOptions } from '../../host/client/standardOptions';
import { AnalyticsPanel } from '../components/AnalyticsPanel';
import { plugin } from '../module';
import { defaultPanelOptions, type PanelOptions } from '../types';

export type ThemeName = 'light' | 'dark';

export interface PanelPropsInput {
  options?: Partial<PanelOptions>;
  series?: Array<DataFrame | DataFrameDTO>;
  annotations?: Array<DataFrame | DataFrameDTO>;
  state?: LoadingState;
  errors?: DataQueryError[];
  fieldConfig?: FieldConfigSource;
  width?: number;
  height?: number;
  theme?: ThemeName;
}

export function fieldConfigWithDefaults(extra: FieldConfigSource['defaults'] = {}): FieldConfigSource {
  registerStandardOptions();
  const defaults = plugin.fieldConfigDefaults;
  return { defaults: { ...defaults.defaults, ...extra }, overrides: [] };
}

export function getPanelProps(input: PanelPropsInput = {}): PanelProps<PanelOptions> {
  registerStandardOptions();
  const theme = createTheme({ colors: { mode: input.theme ?? 'dark' } });
  const fieldConfig = input.fieldConfig ?? fieldConfigWithDefaults();
  const timeRange = getDefaultTimeRange();
  const series = applyFieldOverrides({
    data: (input.series ?? []).map((frame) => toDataFrame(frame)),
    fieldConfig,
    replaceVariables: (value: string) => value,
    theme,
    timeZone: 'utc',
  });
  return {
    id: 1,
    data: {
      state: input.state ?? LoadingState.Done,
      series,
      annotations: (input.annotations ?? []).map((frame) => toDataFrame(frame)),
      timeRange,
      ...(input.errors === undefined ? {} : { errors: input.errors }),
    },
    timeRange,
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
