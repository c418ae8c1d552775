/**
 * Why an event was dropped: the `reason` label of `nowcast_exporter_events_dropped_total`. Every
 * reason means malformed input (an event name the spec does not declare is not one: those are
 * counted apart). Every reason is exported from the start (at 0) so alerts on `rate(...)` see a
 * series at once.
 */
export const dropReasons = [
  /** The event name is not a string (or is empty). */
  'invalid_event_name',
  /** Neither a user id nor an anonymous id attribute. */
  'missing_identity',
  /** An identity attribute is not a non-empty string or a finite number. */
  'invalid_identity',
  /** The event declares a value and the attribute is absent. */
  'missing_value',
  /** The value is not a finite, non-negative number (NaN, Infinity, negative, a string…). */
  'invalid_value',
  /** The record's timestamp is not a finite, positive time. */
  'invalid_timestamp',
  /** A declared property holds an object, an array, or a non-finite number. */
  'invalid_property',
  /** A string (event name, id or property value) is longer than the exporter accepts. */
  'too_large',
  /** The exporter itself failed on this event; a bug to report. */
  'internal_error',
] as const;

export type DropReason = (typeof dropReasons)[number];

/** Longest string accepted for an event name, an identity or a property value. */
export const maxStringLength = 256;
