/**
 * Things the panel wants the user to know about the data it drew (or did not draw): a query
 * without a part, a part naming a query the panel lacks, medians that cannot be combined, an
 * empty baseline. Shown above the chart, never silently dropped.
 */
export interface Notice {
  /** `warning`: something is ignored or cannot be shown; `info`: how to read what is shown. */
  readonly severity: 'warning' | 'info';
  readonly text: string;
}
