/** Naming rules shared by the schema and the cross-checks, so one place says what a valid name is. */
import { productFamilies } from '../contract/families';
import { exemplarLabelNames, labelNames } from '../contract/labels';

/** Prometheus label names; a declared property becomes one. */
export const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Product event names as OTel apps write them ("checkout_started", "shop.checkout.started"). */
export const eventNamePattern = /^[a-zA-Z][a-zA-Z0-9_.:-]{0,99}$/;

/** Funnels, scopes and alerts end up as label values and alert names: keep them plain identifiers. */
export const identifierPattern = /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/;

/** Value units: the unit, lowercased, is a token of its metric's name (`<ns>_event_value_eur_total`). */
export const valueUnitPattern = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

/** Metric name prefixes (the namespace). */
export const namespacePattern = /^[a-zA-Z_][a-zA-Z0-9_]{0,40}$/;

/** Labels the metric contract, Prometheus or Alertmanager already use; a property must not shadow them. */
export const reservedLabelNames: ReadonlySet<string> = new Set([
  // Every fixed label of the product metrics (the namespace does not change them).
  ...Object.values(productFamilies('')).flatMap((family) => family.labels),
  labelNames.bucketBound,
  'quantile',
  'job',
  'instance',
  'alertname',
  'severity',
  'team',
]);

/** Identity attributes: user ids go to exemplars (pseudonymised), never to label values. */
export const identityNames: ReadonlySet<string> = new Set([
  ...Object.values(exemplarLabelNames),
  'userid',
  'user.id',
  'enduser.id',
  'anonymous_id',
  'anonymousid',
  'anonymous.id',
  'session_id',
  'session.id',
]);

export function isReservedLabelName(name: string): boolean {
  return name.startsWith('__') || reservedLabelNames.has(name);
}
