import { labelNames } from '../../contract/labels';
import { durationOf } from '../duration';
import type { EventSpec, PrometheusSetup } from '../model';
import type { RawPrometheus } from '../schema';
import type { Checker } from './checker';
import { specDefaults } from './defaults';

/**
 * The `prometheus:` section. A selector label comes from the scrape (the job, a target or external
 * label), never from events: one that is also a contract label or a declared property would select
 * and split the product's own series instead of telling deployments apart.
 */
export function buildPrometheus(check: Checker, raw: RawPrometheus, events: readonly EventSpec[]): PrometheusSetup {
  const contractLabels = new Set<string>(Object.values(labelNames));
  const selector: Record<string, readonly string[]> = {};
  for (const [label, values] of Object.entries(raw.selector ?? {})) {
    const property = events.find((e) => e.properties.some((p) => p.name === label));
    if (contractLabels.has(label)) {
      check.add(
        ['prometheus', 'selector', label],
        `"${label}" is a label Nowcast writes itself; select by a scrape label such as job or environment`,
        true
      );
    } else if (property !== undefined) {
      check.add(
        ['prometheus', 'selector', label],
        `"${label}" is a property of event "${property.name}"; a selector label comes from the scrape (job, environment), not from events`,
        true
      );
    }
    selector[label] = values;
  }
  return { scrapeInterval: raw.scrapeInterval ?? durationOf(specDefaults.scrapeIntervalSeconds), selector };
}
