/**
 * A minimal Grafana-like host for the browser: registers the shared externals with SystemJS
 * (import map + `System.set`, as Grafana's plugin loader does), loads a plugin's AMD
 * `module.js`, and renders its panel inside Grafana's own `PanelChrome`, under Grafana's global
 * styles, with PanelProps built the way Grafana builds them: the scene's backend frames through
 * Grafana's frontend steps (`../grafana/panelData.ts`), the plugin's field config defaults, a
 * real theme.
 */
import {
  createTheme,
  dateTime,
  EventBusSrv,
  PanelPlugin,
  ThemeContext,
  type FieldConfigSource,
  type PanelData,
  type PanelProps,
} from '@grafana/data';
import { GlobalStyles, PanelChrome } from '@grafana/ui';
import React from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { toPanelData } from '../grafana/panelData';
import { BaselineBarGauges } from './BaselineBarGauges';
import { sharedDependencies } from './sharedDependencies';
import { registerStandardOptions } from './standardOptions';
import type { PanelHostApi, PanelRenderSpec, PluginLoadResult } from './types';

interface SystemJsLike {
  set(id: string, module: object): void;
  addImportMap(map: { imports: Record<string, string> }): void;
  import(id: string): Promise<Record<string, unknown>>;
}

declare global {
  interface Window {
    System: SystemJsLike;
    nowcastHost: PanelHostApi;
  }
}

const sharedPrefix = 'app:';

function registerSharedDependencies(system: SystemJsLike): void {
  const imports: Record<string, string> = {};
  for (const [name, module] of Object.entries(sharedDependencies)) {
    // `__useDefault` makes SystemJS's AMD extra hand the module itself to `define` callbacks.
    system.set(`${sharedPrefix}${name}`, { __useDefault: true, default: module });
    imports[name] = `${sharedPrefix}${name}`;
  }
  system.addImportMap({ imports });
}

let plugin: PanelPlugin | undefined;
const roots = new Map<string, Root>();
let renderMs = 0;
const eventBus = new EventBusSrv();

async function loadPlugin(moduleUrl: string): Promise<PluginLoadResult> {
  const exports = await window.System.import(moduleUrl);
  const candidate = exports.plugin;
  plugin = candidate instanceof PanelPlugin ? candidate : undefined;
  return {
    exportNames: Object.keys(exports),
    isPanelPlugin: plugin !== undefined,
    hasMigrationHandler: plugin?.onPanelMigration !== undefined,
    optionPaths: plugin === undefined ? [] : optionPathsOf(plugin),
  };
}

function optionPathsOf(loaded: PanelPlugin): string[] {
  return Object.keys(loaded.defaults as Record<string, unknown>);
}

/** PanelData as Grafana's frontend makes it from the scene's backend response (`host/grafana/panelData.ts`). */
function buildPanelData(
  spec: PanelRenderSpec,
  fieldConfig: FieldConfigSource,
  theme: ReturnType<typeof createTheme>
): PanelData {
  const { range } = spec.scene;
  // The time picker keeps relative ranges as text (`now-1h`) and absolute ones as times.
  const raw = (text: string) => (text.startsWith('now') ? text : dateTime(text));
  const timeRange = {
    from: dateTime(range.from),
    to: dateTime(range.to),
    raw: { from: raw(range.raw.from), to: raw(range.raw.to) },
  };
  return toPanelData({
    response: spec.scene.response,
    targets: spec.scene.targets,
    destinations: spec.scene.datasource.exemplarTraceIdDestinations,
    fieldConfig,
    theme,
    timeRange,
    timeZone: 'utc',
    state: spec.state,
  });
}

async function render(spec: PanelRenderSpec, view: 'plugin' | 'baseline' = 'plugin'): Promise<void> {
  if (plugin === undefined) {
    throw new Error('No panel plugin loaded: call nowcastHost.loadPlugin(moduleUrl) first.');
  }
  const loaded = plugin;
  const theme = createTheme({ colors: { mode: spec.theme } });
  document.body.style.background = theme.colors.background.canvas;
  document.body.style.color = theme.colors.text.primary;
  document.body.style.fontFamily = theme.typography.fontFamily;
  document.documentElement.style.colorScheme = spec.theme;

  let options: Record<string, unknown> = { ...spec.options };
  // The saved field config over the plugin's defaults, as Grafana's PanelModel applies them.
  const fieldConfig: FieldConfigSource = {
    defaults: { ...loaded.fieldConfigDefaults.defaults, ...spec.fieldConfig?.defaults },
    overrides: spec.fieldConfig?.overrides ?? [],
  };
  if (spec.pluginVersion !== undefined && loaded.onPanelMigration !== undefined) {
    options = await loaded.onPanelMigration({
      id: 1,
      type: loaded.meta?.id ?? 'panel',
      title: spec.title,
      options,
      fieldConfig,
      pluginVersion: spec.pluginVersion,
    } as Parameters<NonNullable<PanelPlugin['onPanelMigration']>>[0]);
  }
  options = { ...(loaded.defaults as Record<string, unknown> | undefined), ...options };
  const data = buildPanelData(spec, fieldConfig, theme);
  const target = spec.target ?? 'panel';
  const container = document.getElementById(target);
  if (container === null) {
    throw new Error(`The host page has no #${target} element to render "${spec.title}" into.`);
  }
  // The panel's own theme on its slot too: a page of both themes (the screenshots' sheet) must
  // not let one panel inherit the other theme's text colour from the body.
  container.style.color = theme.colors.text.primary;
  container.style.fontFamily = theme.typography.fontFamily;
  showGlobalStyles(theme);
  const root = roots.get(target) ?? createRoot(container);
  roots.set(target, root);
  const Panel = loaded.panel as React.ComponentType<PanelProps>;
  // flushSync renders and commits now, and reading layout forces style and layout, so the
  // measured time is the main-thread cost of showing this data (what the bench reports).
  const started = performance.now();
  flushSync(() => {
    root.render(
      <ThemeContext.Provider value={theme}>
        <PanelChrome title={spec.title} width={spec.width} height={spec.height} loadingState={spec.state}>
          {(innerWidth, innerHeight) =>
            view === 'baseline' ? (
              <BaselineBarGauges data={data} width={innerWidth} height={innerHeight} theme={theme} />
            ) : (
              <Panel
                id={1}
                data={data}
                timeRange={data.timeRange}
                timeZone="utc"
                options={options}
                fieldConfig={fieldConfig}
                transparent={false}
                width={innerWidth}
                height={innerHeight}
                renderCounter={0}
                title={spec.title}
                eventBus={eventBus}
                onOptionsChange={() => undefined}
                onFieldConfigChange={() => undefined}
                replaceVariables={(value: string) => value}
                onChangeTimeRange={() => undefined}
              />
            )
          }
        </PanelChrome>
      </ThemeContext.Provider>
    );
  });
  document.body.getBoundingClientRect();
  renderMs = performance.now() - started;
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

let globalStylesTheme: string | undefined;

/**
 * Grafana's global styles, rendered once per theme as Grafana's app root does (not with every
 * panel): the 14 px root font size the theme's rem sizes assume, the body's colours and fonts.
 */
function showGlobalStyles(theme: ReturnType<typeof createTheme>): void {
  if (globalStylesTheme === theme.colors.mode) {
    return;
  }
  globalStylesTheme = theme.colors.mode;
  let slot = document.getElementById('grafana-global-styles');
  if (slot === null) {
    slot = document.body.appendChild(document.createElement('div'));
    slot.id = 'grafana-global-styles';
  }
  const root = roots.get(slot.id) ?? createRoot(slot);
  roots.set(slot.id, root);
  flushSync(() =>
    root.render(
      <ThemeContext.Provider value={theme}>
        <GlobalStyles />
      </ThemeContext.Provider>
    )
  );
}

function unmount(target = 'panel'): void {
  roots.get(target)?.unmount();
  roots.delete(target);
}

registerStandardOptions();
registerSharedDependencies(window.System);
window.nowcastHost = {
  loadPlugin,
  render,
  renderBaseline: (spec) => render(spec, 'baseline'),
  unmount,
  lastRenderMs: () => renderMs,
};
