/**
 * The panel options that name each query's part, as the contract lists them (`panelRoleOptions`;
 * the options editor's pickers use the same names, so a name that is not an option of this panel
 * does not compile), for the host's scenes and the preview, which set up panels the way the
 * generated dashboard does.
 */
import {
  panelRoleOptions,
  panelRoleOptionValues,
  type FunnelQueryRole,
  type LiveQueryRole,
  type PanelQuery,
} from '@nowcast/otel-exporter/contract';
import type { PanelOptions } from '../types';

type RoleOption = (typeof panelRoleOptions)[keyof typeof panelRoleOptions];
/** The options naming one query each (every part but the steps). */
export type RefIdOption = Exclude<RoleOption, typeof panelRoleOptions.steps>;

/** The panel options giving each query its part. */
export function roleOptions(
  queries: ReadonlyArray<PanelQuery<FunnelQueryRole | LiveQueryRole>>
): Partial<PanelOptions> {
  // The options editor names its pickers by the same contract names, so each is an option of this panel.
  return panelRoleOptionValues(queries) as Partial<PanelOptions>;
}
