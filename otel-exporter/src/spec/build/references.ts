import type { SpecPath } from '../issues';
import type { EventSpec, PropertyFilter, PropertySpec } from '../model';
import { didYouMean } from '../suggest';
import type { Checker } from './checker';

/** Resolves an event reference, reporting unknown names with the closest declared one. */
export function knownEvent(
  check: Checker,
  path: SpecPath,
  name: string,
  events: ReadonlyMap<string, EventSpec>
): EventSpec | undefined {
  const event = events.get(name);
  if (event === undefined && !check.declared.events.has(name)) {
    check.add(path, `unknown event "${name}"${didYouMean(name, events.keys())}`);
  }
  return event;
}

export function knownProperty(
  check: Checker,
  path: SpecPath,
  event: EventSpec,
  name: string,
  atKey = false
): PropertySpec | undefined {
  const property = event.properties.find((p) => p.name === name);
  if (property === undefined && !check.incompleteEvents.has(event.name)) {
    const declared = event.properties.map((p) => p.name);
    const hint = declared.length === 0 ? `; "${event.name}" declares no properties` : didYouMean(name, declared);
    check.add(path, `"${name}" is not a property of event "${event.name}"${hint}`, atKey);
  }
  return property;
}

/** A `where:` filter (funnel steps, event alerts): declared properties, and declared values when listed. */
export function buildFilter(
  check: Checker,
  path: SpecPath,
  event: EventSpec,
  where: Record<string, string[]> | undefined
): PropertyFilter {
  const filter: Record<string, readonly string[]> = {};
  for (const [name, values] of Object.entries(where ?? {})) {
    const property = knownProperty(check, [...path, name], event, name, true);
    if (property?.values !== undefined) {
      for (const value of values) {
        if (!property.values.includes(value)) {
          check.add(
            [...path, name],
            `"${value}" is not one of the values declared for "${name}"${didYouMean(value, property.values)}`
          );
        }
      }
    }
    filter[name] = values;
  }
  return filter;
}
