import type { FieldConfigSource, LoadingState } from '@grafana/data';
import type { GrafanaScene } from '../grafana/types';

/** What Node sends to the page to render one panel: plain JSON, turned into real PanelProps in the page. */
export interface PanelRenderSpec {
  /** id of the page element to render into; `panel` when absent. */
  readonly target?: string;
  readonly title: string;
  readonly options: Record<string, unknown>;
  /** Options saved by an older plugin version; run through the plugin's migration handler first. */
  readonly pluginVersion?: string;
  /** The panel's field config, merged over the plugin's defaults as Grafana does. */
  readonly fieldConfig?: FieldConfigSource;
  /** The queries, Prometheus' framed answers and the time range: made into PanelData by Grafana's frontend steps. */
  readonly scene: GrafanaScene;
  /** Done, or Streaming for a live panel. */
  readonly state: LoadingState;
  readonly theme: 'light' | 'dark';
  readonly width: number;
  readonly height: number;
}

/** The API the host bundle installs on `window.nowcastHost`. */
export interface PanelHostApi {
  /** Loads a plugin `module.js` through SystemJS exactly as Grafana's plugin loader does. */
  loadPlugin(moduleUrl: string): Promise<PluginLoadResult>;
  /** Renders (or re-renders) the loaded plugin into `#<spec.target>` with PanelProps built from `spec`. */
  render(spec: PanelRenderSpec): Promise<void>;
  /** Renders the same data with Grafana's own BarGauge instead of the plugin: the bench's baseline. */
  renderBaseline(spec: PanelRenderSpec): Promise<void>;
  /** Unmounts the panel in `#<target>` (default `panel`), so the next render mounts afresh. */
  unmount(target?: string): void;
  /** Main-thread milliseconds of the last `render`: React render and commit, then style and layout. */
  lastRenderMs(): number;
}

export interface PluginLoadResult {
  readonly exportNames: string[];
  readonly isPanelPlugin: boolean;
  readonly hasMigrationHandler: boolean;
  readonly optionPaths: string[];
}
