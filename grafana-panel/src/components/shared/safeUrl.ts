/**
 * Links the panel renders: Grafana's `textUtil.sanitizeUrl` first (it turns `javascript:`,
 * `data:` and the like into `about:blank`), then only http(s) URLs and paths on this Grafana
 * (a data source's internal trace link is `/explore?…`). Anything else renders no link at all.
 */
import { textUtil } from '@grafana/data';

export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined || url === '') {
    return undefined;
  }
  const sanitized = textUtil.sanitizeUrl(url.trim());
  if (/^https?:\/\//i.test(sanitized) || (sanitized.startsWith('/') && !sanitized.startsWith('//'))) {
    return sanitized;
  }
  return undefined;
}
