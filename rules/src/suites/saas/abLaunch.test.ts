import { defaultWebhookUrl } from '../../generate/alertmanager';
import { generateFiles } from '../../generate/generate';
import { measureAlerts } from '../../testing/measure';
import { withoutAnnotations } from '../../testing/scenario';
import { day, hour, minute } from '../../testing/series';
import { saasExactly, saasWith } from './saasAlerts';
import { saasSeries, type AbLaunch } from './saasTraffic';

/*
 * The A/B launch guard on the pricing experiment (a 50/50 split, exposures judged over an hour, at
 * least 1,000 of them). It checks the implementation: the split delivered, tracked events after
 * exposures, errors per variant. A variant that converts worse is not its business.
 */
const spec = saasWith(['pricing_launch']);
const files = withoutAnnotations(generateFiles(spec, { webhookUrl: defaultWebhookUrl }));
const step = 5 * minute;
const end = 2 * day;
const launch = 2 * hour;

function run(ab: AbLaunch, checks: ReturnType<typeof saasExactly>) {
  const series = saasSeries(spec.namespace, { seed: 31, step, end, parts: [], ab });
  return measureAlerts(files, step, series, [{ from: 0, to: end }], checks);
}

const check = (name: string) => ({ nowcast_check: name });

describe('A/B launch guard', () => {
  it('a 50/50 split delivering 53/47 at volume fires the sample-ratio mismatch within the hour; at low volume it does not', () => {
    const atVolume = run({ from: launch, perSecond: 2, delivered: { control: 0.53, treatment: 0.47 } }, [
      ...saasExactly(launch - 5 * minute, {}),
      ...saasExactly(launch + hour, { pricing_launch: [check('sample_ratio_mismatch')] }),
      ...saasExactly(day + 12 * hour, { pricing_launch: [check('sample_ratio_mismatch')] }),
    ]);
    expect(atVolume.failedAlertChecks).toEqual([]);
    // 360 exposures an hour at the usual level: under the 1,000 the guard needs, so it never judges.
    const lowVolume = run({ from: launch, perSecond: 0.1, delivered: { control: 0.53, treatment: 0.47 } }, []);
    expect(lowVolume.periods[0]).toEqual([]);
  }, 120_000);

  it('a variant whose exposures are not followed by its tracked events, and a variant erroring 10×, fire for that variant only', () => {
    const broken = 1 * day;
    const result = run(
      {
        from: launch,
        perSecond: 2,
        delivered: { control: 0.5, treatment: 0.5 },
        tracked: (variant, t) => (variant === 'treatment' && t > broken ? 0 : 0.2),
        errors: (variant, t) => (variant === 'treatment' && t > broken + 6 * hour ? 0.05 : 0.005),
      },
      [
        ...saasExactly(broken - 5 * minute, {}),
        ...saasExactly(broken + 2 * hour, {
          pricing_launch: [{ ...check('tracking_missing'), variant: 'treatment' }],
        }),
        ...saasExactly(broken + 8 * hour, {
          pricing_launch: [
            { ...check('tracking_missing'), variant: 'treatment' },
            { ...check('error_ratio'), variant: 'treatment' },
          ],
        }),
      ]
    );
    expect(result.failedAlertChecks).toEqual([]);
  }, 120_000);

  it('false-alert budget: two days of a launch that delivers its 50/50 split at volume fire nothing', () => {
    const result = run({ from: launch, perSecond: 2, delivered: { control: 0.5, treatment: 0.5 } }, []);
    console.log(
      `A/B launch guard over 2 days of a delivered 50/50 split: ${result.periods[0]?.length ?? 0} alert episodes`
    );
    expect(result.periods[0]).toEqual([]);
  }, 120_000);
});
