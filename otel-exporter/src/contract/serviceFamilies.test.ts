import { prometheusNameOf } from '@nowcast/test-support';
import { serviceFamilies } from './serviceFamilies';

describe('the service families', () => {
  it.each(Object.entries(serviceFamilies))(
    '%s keeps its name through the OTLP → Prometheus translation',
    (_key, family) => {
      const kind = family.type === 'counter' ? 'monotonic_sum' : 'gauge';
      expect(prometheusNameOf(family.otelName, family.unit, kind)).toBe(family.name);
      expect(family.name).toBe(family.type === 'counter' ? `${family.otelName}_total` : family.otelName);
    }
  );
});
