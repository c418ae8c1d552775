/** @nowcast/rules: analytics.yaml → Prometheus recording/alerting rules and Alertmanager config. */
export { alertLabelNames } from './model/alertLabels';
export { eventRateWindows, funnelWindowSeconds } from './model/windows';
export { buildModel, type RulesModel, type ModelAlert } from './model/model';
export { signalOf, targetId, type Signal } from './model/signal';
export { rulers, defaultRuler, type Ruler } from './model/ruler';
export type { RecordingRule, AlertingRule, RuleGroup, RuleFile } from './model/rules';
export {
  generateFiles,
  renderedRuleFiles,
  ruleFiles,
  rulesDir,
  alertmanagerDir,
  type GeneratedFile,
} from './generate/generate';
export {
  alertmanagerConfig,
  defaultWebhookUrl,
  receiverName,
  defaultReceiver,
  type NotifyOptions,
} from './generate/alertmanager';
export { alertExpr } from './generate/alerting';
export { baselineGroups, baselineWeeks } from './generate/baselines';
