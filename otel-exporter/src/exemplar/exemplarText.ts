import { exemplarLabelNames } from '../contract/labels';
import { escapeLabelValue } from '../expose/labelText';
import type { ExemplarSource } from '../expose/metricSink';
import type { UserIdPseudonymiser } from './pseudonymiser';

/** OpenMetrics 1.0: an exemplar's label names and values together stay within 128 characters. */
export const exemplarLabelLimit = 128;

/**
 * The OpenMetrics exemplar after a sample (`{trace_id="…",span_id="…",user_id="…"} 1 1700000000.5`),
 * or undefined when there is nothing to show. A long plain user id is cut to fit the limit.
 */
export function exemplarText(source: ExemplarSource, users: UserIdPseudonymiser): string | undefined {
  let labels = '';
  let used = 0;
  if (source.traceId !== undefined && source.spanId !== undefined) {
    labels = `${traceLabel}"${source.traceId}",${spanLabel}"${source.spanId}"`;
    used = traceIdName.length + source.traceId.length + spanIdName.length + source.spanId.length;
  }
  const user = source.userId === undefined ? undefined : users.pseudonym(source.userId);
  if (user !== undefined) {
    const room = exemplarLabelLimit - used - userIdName.length;
    // OpenMetrics counts characters (code points); cutting by them never splits a surrogate pair.
    const fitted = user.length <= room ? user : Array.from(user).slice(0, Math.max(0, room)).join('');
    if (fitted.length > 0) labels += `${labels === '' ? '' : ','}${userLabel}"${escapeLabelValue(fitted)}"`;
  }
  if (labels === '') return undefined;
  return `{${labels}} ${source.value} ${secondsText(source.timestampMs)}`;
}

const { traceId: traceIdName, spanId: spanIdName, userId: userIdName } = exemplarLabelNames;
const traceLabel = `${traceIdName}=`;
const spanLabel = `${spanIdName}=`;
const userLabel = `${userIdName}=`;

/** Epoch ms as seconds with three decimals, without toFixed's cost on every exemplar. */
function secondsText(ms: number): string {
  const whole = Math.round(ms);
  const millis = whole % 1000;
  return `${(whole - millis) / 1000}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}`;
}
