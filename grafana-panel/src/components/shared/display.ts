/** Formats a value with its field's unit and decimals, as Grafana's own panels do. */
import { formattedValueToString, getDisplayProcessor, type Field, type GrafanaTheme2 } from '@grafana/data';
import { defaultPercentDecimals } from './format';
import { safeUrl } from './safeUrl';

export function displayValue(field: Field | undefined, value: number, theme: GrafanaTheme2): string {
  if (field === undefined) {
    return String(value);
  }
  // Grafana sets `display` in applyFieldOverrides; build one when a host did not.
  const display = field.display ?? getDisplayProcessor({ field, theme });
  return formattedValueToString(display(value));
}

/** The field's data links for one row (Grafana adds `getLinks` when links are configured); unsafe URLs dropped. */
export function linksOf(source: { field: Field; row: number } | undefined) {
  return (source?.field.getLinks?.({ valueRowIndex: source.row }) ?? []).flatMap((link) => {
    const href = safeUrl(link.href);
    return href === undefined ? [] : [{ ...link, href }];
  });
}

/** Decimals of percentages: the field's Decimals when set. */
export function percentDecimals(field: Field | undefined): number {
  return field?.config.decimals ?? defaultPercentDecimals;
}

/**
 * A count of attempts with the field's unit. Prometheus's `increase()` extrapolates to
 * fractions (650.5 attempts); attempts are whole, so counts round unless decimals are set.
 */
export function displayCount(field: Field | undefined, count: number, theme: GrafanaTheme2): string {
  const decimals = field?.config.decimals ?? undefined;
  const value = decimals === undefined ? Math.round(count) : count;
  // Grafana's `locale` unit (our default) calls toLocaleString per value, which builds a
  // formatter every time; counts are the funnel's most frequent text, so reuse one formatter.
  if (field !== undefined && (field.config.unit ?? 'locale') === 'locale' && !field.config.mappings?.length) {
    return localeFormatter(decimals ?? 0).format(value);
  }
  return displayValue(field, value, theme);
}

const localeFormatters = new Map<number, Intl.NumberFormat>();

function localeFormatter(decimals: number): Intl.NumberFormat {
  let formatter = localeFormatters.get(decimals);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(undefined, { maximumFractionDigits: decimals, minimumFractionDigits: decimals });
    localeFormatters.set(decimals, formatter);
  }
  return formatter;
}
