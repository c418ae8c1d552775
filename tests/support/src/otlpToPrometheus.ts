/*
 * The OTLP → Prometheus metric-name translation as the OpenTelemetry Collector does it with its
 * default `add_metric_suffixes: true` (and Prometheus' own OTLP receiver, which took the same
 * rules): open-telemetry/opentelemetry-collector-contrib, pkg/translator/prometheus/normalize_name.go,
 * `normalizeName`. Reproduced for tests, so the contract's names are checked against the names a
 * Collector, Mimir or Prometheus would store.
 */

/** The translator's unit words (main units). */
const unitWords: Readonly<Record<string, string>> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '1': '',
  '%': 'percent',
};

/** "Per" units: `By/s` → `_per_second`. */
const perUnitWords: Readonly<Record<string, string>> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
  y: 'year',
};

const tokens = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');

export type OtlpMetricKind = 'monotonic_sum' | 'sum' | 'gauge' | 'histogram';

/** The Prometheus name a Collector gives an OTLP metric of this name, unit and kind. */
export function prometheusNameOf(otlpName: string, unit: string, kind: OtlpMetricKind): string {
  let nameTokens = tokens(otlpName);
  const [main = '', per] = unit.split(/\/(.*)/s, 2);
  const append = (word: string, prefix: string[] = []) => {
    const cleaned = tokens(word).join('_');
    if (cleaned !== '' && !nameTokens.includes(cleaned)) nameTokens = [...nameTokens, ...prefix, cleaned];
  };
  const mainUnit = main.trim();
  if (mainUnit !== '' && !/[{}]/.test(mainUnit)) append(unitWords[mainUnit] ?? mainUnit);
  const perUnit = per?.trim() ?? '';
  if (perUnit !== '' && !/[{}]/.test(perUnit)) append(perUnitWords[perUnit] ?? perUnit, ['per']);
  if (kind === 'monotonic_sum') nameTokens = [...nameTokens.filter((t) => t !== 'total'), 'total'];
  if (unit === '1' && kind === 'gauge') nameTokens = [...nameTokens.filter((t) => t !== 'ratio'), 'ratio'];
  const name = nameTokens.join('_');
  return /^\d/.test(name) ? `_${name}` : name;
}
