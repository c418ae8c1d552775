import { crc32 } from 'node:zlib';

/*
 * How the OpenTelemetry Collector's load-balancing exporter picks a backend for a log record with
 * `routing_key: attributes`, reproduced for tests (no Collector runs here), from
 * open-telemetry/opentelemetry-collector-contrib, exporter/loadbalancingexporter:
 *
 * - consistent_hashing.go: a ring of 100 positions per endpoint, each crc32 (IEEE) of the endpoint's
 *   bytes followed by the byte i, modulo 36000; a position already taken keeps its first endpoint;
 *   positions sorted. A key goes to the first position ≥ crc32(key) mod 36000, wrapping to the first.
 * - resolver_static.go: endpoints sorted before the ring is built.
 * - log_exporter.go `splitLogsByAttributes` and attribute_routing.go: per log record (when the
 *   routing attributes are not all on the resource or scope), the key is `name=value|` for each
 *   routing attribute in order, `name=|` when absent; string values as they are.
 */

const maxPositions = 36000;
const pointsPerEndpoint = 100;

interface RingItem {
  readonly position: number;
  readonly endpoint: string;
}

export class LoadBalancingRing {
  private readonly items: RingItem[];

  constructor(endpoints: readonly string[]) {
    const taken = new Set<number>();
    const items: RingItem[] = [];
    for (const endpoint of [...endpoints].sort()) {
      for (let i = 0; i < pointsPerEndpoint; i++) {
        const position = crc32(Buffer.concat([Buffer.from(endpoint), Buffer.from([i])])) % maxPositions;
        if (taken.has(position)) continue;
        taken.add(position);
        items.push({ position, endpoint });
      }
    }
    this.items = items.sort((a, b) => a.position - b.position);
  }

  endpointFor(key: string): string {
    const position = crc32(Buffer.from(key)) % maxPositions;
    const found = this.items.find((item) => item.position >= position) ?? this.items[0];
    if (found === undefined) throw new Error('the ring has no endpoints');
    return found.endpoint;
  }
}

/** The routing key of a record's attributes for `routing_attributes: names`. */
export function attributeRoutingKey(attributes: Readonly<Record<string, unknown>>, names: readonly string[]): string {
  return names.map((name) => `${name}=${attributes[name] === undefined ? '' : String(attributes[name])}|`).join('');
}
