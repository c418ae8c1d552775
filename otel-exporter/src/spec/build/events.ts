import { maxEventKeySpace } from '../capacity';
import type { SpecPath } from '../issues';
import type { EventSpec, PropertySpec } from '../model';
import { eventNamePattern, identityNames, isReservedLabelName, labelNamePattern } from '../names';
import { eventSchema, propertySchema, type RawDefaults } from '../schema';
import { entries, validEntries, type Checker } from './checker';
import { labelValuesOf } from '../../contract/seriesBound';
import { durationOf } from '../duration';
import { specDefaults } from './defaults';

/** A declared value unit and the first event declaring it. */
interface UnitUse {
  readonly unit: string;
  readonly event: string;
}

export function buildEvents(check: Checker, raw: Record<string, unknown>, defaults: RawDefaults): EventSpec[] {
  const events: EventSpec[] = [];
  // By lowercased unit: the unit ends up lowercased in its metric's name.
  const units = new Map<string, UnitUse>();
  if (Object.keys(raw).length === 0) {
    check.add(['events'], 'declare at least one event, e.g. `page_viewed: {}`');
  }
  const naming = {
    section: 'events',
    pattern: eventNamePattern,
    what: 'event name (letters, digits, _ . : -, starting with a letter, at most 100 characters)',
  };
  for (const [name, event, path] of validEntries(check, raw, naming, eventSchema)) {
    const properties: PropertySpec[] = [];
    for (const [propertyName, rawProperty] of entries(event.properties ?? {})) {
      const propertyPath = [...path, 'properties', propertyName];
      const property = buildProperty(check, propertyPath, propertyName, rawProperty, defaults);
      if (property === undefined) {
        check.incompleteEvents.add(name);
      } else {
        properties.push(property);
      }
    }
    checkKeySpace(check, [...path, 'properties'], properties);
    if (event.value !== undefined) {
      if (properties.some((p) => p.attribute === event.value?.field)) {
        check.add(
          [...path, 'value', 'field'],
          `"${event.value.field}" is also a declared property; a numeric value must not become a label`
        );
      }
      checkUnitSpelling(check, [...path, 'value', 'unit'], { unit: event.value.unit, event: name }, units);
    }
    events.push({
      name,
      description: event.description,
      properties,
      value: event.value,
    });
  }
  return events;
}

/** One property; undefined when it cannot become a label (the event is then incomplete). */
function buildProperty(
  check: Checker,
  path: SpecPath,
  name: string,
  raw: unknown,
  defaults: RawDefaults
): PropertySpec | undefined {
  const property = check.parse(propertySchema, raw, path);
  if (property === undefined) {
    return undefined;
  }
  if (!labelNamePattern.test(name)) {
    check.add(
      path,
      `"${name}" is not a valid Prometheus label name (letters, digits and _, not starting with a digit); use \`attribute:\` to read a dotted OTel attribute`,
      true
    );
    return undefined;
  }
  if (isReservedLabelName(name)) {
    check.add(path, `"${name}" is reserved by the metric contract; choose another label name`, true);
    return undefined;
  }
  const attribute = property.attribute ?? name;
  if (identityNames.has(name.toLowerCase()) || identityNames.has(attribute.toLowerCase())) {
    check.add(
      path,
      `"${attribute}" identifies a user; user ids never become label values (they go to exemplars, pseudonymised)`,
      true
    );
    return undefined;
  }
  if (property.values !== undefined) {
    const duplicate = property.values.find((v, i) => property.values?.indexOf(v) !== i);
    if (duplicate !== undefined) {
      check.add([...path, 'values'], `"${duplicate}" is listed twice`);
    }
    if (property.maxValues !== undefined && property.values.length > property.maxValues) {
      check.add(
        [...path, 'maxValues'],
        `is ${property.maxValues} but ${property.values.length} values are listed; raise it or drop maxValues`
      );
    }
  }
  if (property.values !== undefined && property.idleTimeout !== undefined) {
    check.add(
      [...path, 'idleTimeout'],
      'listed values never give up their slot; drop idleTimeout, or drop values to keep the most recently used ones'
    );
  }
  const maxValues = property.maxValues ?? property.values?.length ?? defaults.maxValues ?? specDefaults.maxValues;
  const idleTimeout = property.idleTimeout ?? defaults.idleTimeout ?? durationOf(specDefaults.valueIdleTimeoutSeconds);
  return { name, attribute, maxValues, values: property.values, idleTimeout };
}

/** Every tuple of value indices (each property's maxValues, `__other__` and the empty value) must have its own exact key. */
function checkKeySpace(check: Checker, path: SpecPath, properties: readonly PropertySpec[]): void {
  // BigInt: the product is named exactly even where a double would round it.
  const combinations = properties.reduce((n, p) => n * BigInt(labelValuesOf(p)), 1n);
  if (combinations > BigInt(maxEventKeySpace)) {
    check.add(
      path,
      `its properties allow ${combinations.toLocaleString('en-US')} label combinations (the product of maxValues + 2: each property's values, __other__ and the empty value), more than the exporter can key (2^52); lower their maxValues`,
      // At `properties:` itself: the issue is the whole list, not its first entry.
      true
    );
  }
}

/** Units equal but for case name one metric (`<ns>_event_value_eur_total`): one spelling each. */
function checkUnitSpelling(check: Checker, path: SpecPath, use: UnitUse, units: Map<string, UnitUse>): void {
  const key = use.unit.toLowerCase();
  const first = units.get(key);
  if (first === undefined) {
    units.set(key, use);
  } else if (first.unit !== use.unit) {
    check.add(
      path,
      `"${use.unit}" and "${first.unit}" (event "${first.event}") name the same metric; write it "${first.unit}" as that event does`
    );
  }
}
