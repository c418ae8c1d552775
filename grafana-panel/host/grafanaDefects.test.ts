/**
 * @jest-environment node
 *
 * Every defect issue 12 found by using the panel in a real Grafana, reproduced in Chromium through
 * the host's Grafana data steps (`grafana/`: request planning, the Prometheus backend's frames and
 * exemplar sampler, the frontend's table and annotation handling, field overrides): the built
 * `dist/module.js` gets the data a real Grafana would give it.
 */
import { requireBinary } from '@nowcast/test-support';
import type { Browser, Page } from 'playwright-core';
import {
  checkoutBaselineSteps,
  checkoutSteps,
  eventSeries,
  exemplarSeries,
  fixedNow,
  grafanaScene,
  medianSeries,
  outcomesReaching,
  stepSeries,
  stepSeriesOverTime,
  type ExemplarRow,
  type QueryFixture,
  type StepCountRow,
} from '../src/data/fixtures/prometheus';
import type { PanelOptions } from '../src/types';
import { launchChromium, openHostPage, renderPanel } from './browser';
import type { PanelRenderSpec } from './client/types';
import type { PromDatasource, RangeSpec } from './grafana/types';
import { startHostServer, type HostServer } from './hostServer';
import { exemplarRows } from './scenes';

jest.setTimeout(60_000);

let server: HostServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  const executablePath = requireBinary('chromium');
  server = await startHostServer({ page: { title: 'Nowcast panel in Grafana’s data steps', panels: ['panel'] } });
  browser = await launchChromium(executablePath);
  ({ page, pageErrors } = await openHostPage(browser, server.url, { width: 1400, height: 900 }));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Theme = PanelRenderSpec['theme'];

interface PanelSpecInput {
  readonly options: Partial<PanelOptions>;
  readonly queries: readonly QueryFixture[];
  readonly theme?: Theme;
  readonly width?: number;
  readonly height?: number;
  readonly range?: RangeSpec;
  readonly maxDataPoints?: number;
  readonly fieldConfig?: PanelRenderSpec['fieldConfig'];
  readonly datasource?: PromDatasource;
}

async function show(input: PanelSpecInput): Promise<void> {
  const mode = input.options.mode ?? 'funnel';
  await renderPanel(page, {
    title: 'Panel under test',
    theme: input.theme ?? 'dark',
    width: input.width ?? 900,
    height: input.height ?? 480,
    state: (mode === 'live' ? 'Streaming' : 'Done') as PanelRenderSpec['state'],
    options: { mode, ...input.options },
    ...(input.fieldConfig === undefined ? {} : { fieldConfig: input.fieldConfig }),
    scene: await grafanaScene(input.queries, {
      ...(input.range === undefined ? {} : { range: input.range }),
      ...(input.maxDataPoints === undefined ? {} : { maxDataPoints: input.maxDataPoints }),
      ...(input.datasource === undefined ? {} : { datasource: input.datasource }),
    }),
  });
}

const instant = (refId: string, series: QueryFixture['instant']): QueryFixture => ({
  target: { refId, expr: `query ${refId}`, instant: true },
  instant: series,
});

/** The accessible names of the funnel's bars, e.g. "cart_added: 600, 60.0% of first step". */
async function barNames(): Promise<string[]> {
  return page
    .locator('#panel [role="img"]')
    .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('aria-label') ?? ''));
}

async function panelText(): Promise<string> {
  return page.locator('#panel').innerText();
}

describe('queries are never summed silently', () => {
  it('ignores a baseline query that has no part, and says so (1,000 views, not 1,900)', async () => {
    await show({
      options: { stepsRefIds: ['A'] },
      queries: [instant('A', stepSeries(checkoutSteps)), instant('B', stepSeries(checkoutBaselineSteps))],
    });
    expect((await barNames())[0]).toMatch(/^product_viewed: 1,000\b/);
    expect(await panelText()).toContain('Query B has no part and is not drawn');
  });

  it('reports a misspelt baseline refId instead of adding the query into the counts', async () => {
    await show({
      options: { stepsRefIds: ['A'], baselineRefId: 'b' },
      queries: [instant('A', stepSeries(checkoutSteps)), instant('B', stepSeries(checkoutBaselineSteps))],
    });
    expect((await barNames())[0]).toMatch(/^product_viewed: 1,000\b/);
    expect(await panelText()).toContain('The baseline is set to query b, which this panel does not have');
  });

  it('does not add an unconfigured median query into the counts (600 carts, not 648)', async () => {
    await show({
      options: { stepsRefIds: ['A'] },
      queries: [instant('A', stepSeries(checkoutSteps)), instant('C', medianSeries([['cart_added', 48]]))],
    });
    expect((await barNames())[1]).toMatch(/^cart_added: 600\b/);
    expect(await panelText()).toContain('Query C has no part');
  });
});

describe('data shapes as Grafana delivers them', () => {
  const overTime: Array<[string, number[]]> = [
    ['product_viewed', [900, 950, 1000]],
    ['cart_added', [500, 550, 600]],
  ];

  it('reads a range query in table format as the latest value of each series (1,000, not 2,850)', async () => {
    await show({
      options: { stepsRefIds: ['A'] },
      queries: [
        {
          target: { refId: 'A', expr: 'steps', range: true, format: 'table', interval: '1m' },
          range: stepSeriesOverTime(overTime, 60),
        },
      ],
    });
    const names = await barNames();
    expect(names[0]).toMatch(/^product_viewed: 1,000\b/);
    expect(names[1]).toMatch(/^cart_added: 600\b/);
  });

  it('reads a query set to "Both" once (1,000, not 2,000)', async () => {
    await show({
      options: { stepsRefIds: ['A'] },
      queries: [
        {
          target: { refId: 'A', expr: 'steps', range: true, instant: true, interval: '1m' },
          range: stepSeriesOverTime(overTime, 60),
          instant: stepSeries([
            ['product_viewed', 1000],
            ['cart_added', 600],
          ]),
        },
      ],
    });
    expect((await barNames())[0]).toMatch(/^product_viewed: 1,000\b/);
  });

  it('sums per-interval increases when the Calculation is Total (1,000 views, not the last 400)', async () => {
    await show({
      options: { stepsRefIds: ['A'], calculation: 'sum' },
      queries: [
        {
          target: { refId: 'A', expr: 'increase per interval', range: true, interval: '1m' },
          range: stepSeriesOverTime(
            [
              ['product_viewed', [300, 300, 400]],
              ['cart_added', [200, 150, 250]],
            ],
            60
          ),
        },
      ],
    });
    expect((await barNames()).slice(0, 2).map((name) => name.split(', ')[0])).toEqual([
      'product_viewed: 1,000',
      'cart_added: 600',
    ]);
  });

  it('does not add medians of series split by a label the funnel is not broken down by (not “1 min 40 s”)', async () => {
    await show({
      options: { stepsRefIds: ['A'], medianRefId: 'C' },
      queries: [
        instant('A', stepSeries(checkoutSteps)),
        instant('C', [
          ...medianSeries([['cart_added', 40]], { platform: 'web' }),
          ...medianSeries([['cart_added', 60]], { platform: 'ios' }),
        ]),
      ],
    });
    const text = await panelText();
    expect(text).not.toContain('1 min 40 s');
    expect(text).toContain('The median query returns 2 series for cart_added');
  });

  it('shows a NaN step as missing, not as 0 with a negative drop-off (no “↓ -300 dropped”)', async () => {
    await show({
      options: { stepsRefIds: ['A'] },
      queries: [instant('A', stepSeries([checkoutSteps[0]!, ['cart_added', Number.NaN], checkoutSteps[2]!]))],
    });
    const names = await barNames();
    expect(names[1]).toMatch(/^cart_added: no data/);
    const text = await panelText();
    expect(text).not.toMatch(/-\s?300/);
    expect(text).not.toMatch(/−\s?300/);
  });
});

describe('cohorts and volume', () => {
  it('shows settled, cohort-exact conversion from the outcomes query and says so', async () => {
    await show({
      options: { stepsRefIds: ['A'], outcomesRefId: 'B' },
      queries: [
        // Live counters in the range: more carts than views (attempts opened before the range).
        instant(
          'A',
          stepSeries([
            ['product_viewed', 1000],
            ['cart_added', 1040],
            ['checkout_started', 330],
            ['payment_succeeded', 250],
          ])
        ),
        instant('B', outcomesReaching([1000, 600, 300, 240])),
      ],
    });
    const names = await barNames();
    expect(names[1]).toMatch(/^cart_added: 600, 60\.0% of first step/);
    expect(await panelText()).toContain('Settled');
  });

  it('labels live conversion as live and explains a step above 100 % (104 % carts of views)', async () => {
    await show({
      options: { stepsRefIds: ['A'] },
      queries: [
        instant(
          'A',
          stepSeries([
            ['product_viewed', 1000],
            ['cart_added', 1040],
          ])
        ),
      ],
    });
    const text = await panelText();
    expect(text).toContain('Live');
    expect(text).toContain('104.0%');
    expect(text).toMatch(/above 100 %/i);
  });

  it('marks 7 → 3 → 1 as not enough data instead of printing 14.3 % bare', async () => {
    await show({
      options: { stepsRefIds: ['A'], minVolume: 30 },
      queries: [
        instant(
          'A',
          stepSeries([
            ['product_viewed', 7],
            ['cart_added', 3],
            ['payment_succeeded', 1],
          ])
        ),
      ],
    });
    const names = await barNames();
    expect(names[2]).toContain('not enough data');
    expect(names[2]).toContain('95 % interval 2.6–51.3%');
  });

  it('says a +8 pts change on 100 attempts is not significant, and colours only a significant one', async () => {
    const compare = async (attempts: number, now: number, before: number) => {
      await show({
        options: { stepsRefIds: ['A'], baselineRefId: 'B', minVolume: 10 },
        queries: [
          instant(
            'A',
            stepSeries([
              ['product_viewed', attempts],
              ['payment_succeeded', now],
            ])
          ),
          instant(
            'B',
            stepSeries([
              ['product_viewed', attempts],
              ['payment_succeeded', before],
            ])
          ),
        ],
      });
      // The change's colour beside the colour of plain secondary text (the step's count).
      return page.evaluate(() => {
        const spans = [...document.querySelectorAll<HTMLElement>('#panel span')];
        const change = spans.find((span) => /^[+−]8\.0 pts/.test(span.textContent ?? ''))!;
        const count = [...document.querySelectorAll<HTMLElement>('#panel [data-step-label]')][1]!
          .nextElementSibling as HTMLElement;
        return { change: getComputedStyle(change).color, plain: getComputedStyle(count).color };
      });
    };
    const noise = await compare(100, 30, 22);
    expect((await barNames())[1]).toMatch(/\+8\.0 pts vs baseline, not significant \(p = 0\.2\d\)/);
    expect(noise.change).toBe(noise.plain);
    const clear = await compare(10_000, 3000, 2200);
    expect((await barNames())[1]).toMatch(/\+8\.0 pts vs baseline, significant \(p < 0\.001\)/);
    expect(clear.change).not.toBe(clear.plain);
  });
});

describe('the live feed in Grafana', () => {
  const today: RangeSpec = { from: fixedNow - 3_600_000, to: fixedNow, raw: { from: 'now-1h', to: 'now' } };
  const yesterday: RangeSpec = {
    from: fixedNow - 25 * 3_600_000,
    to: fixedNow - 24 * 3_600_000,
    raw: {
      from: new Date(fixedNow - 25 * 3_600_000).toISOString(),
      to: new Date(fixedNow - 24 * 3_600_000).toISOString(),
    },
  };
  const feedQueries = (rows: readonly ExemplarRow[], endSeconds: number): QueryFixture[] => [
    { target: { refId: 'B', expr: 'rates', instant: true }, instant: eventSeries([['cart_added', 2]]) },
    {
      target: { refId: 'C', expr: 'events in range', instant: true, exemplar: true, interval: '1s' },
      instant: eventSeries([...new Set(rows.map((row) => row.event))].map((event) => [event, 100])),
      exemplars: exemplarSeries(rows, endSeconds),
    },
  ];
  const live = { mode: 'live', activeUsersRefId: '', ratesRefId: 'B', feedRefId: 'C', feedLength: 50 } as const;

  it('says the feed is a sample and how much of it Grafana shows, at which step', async () => {
    // 40 events 1 s apart in the last minute, one per second: all kept; 500 counted in the range.
    await show({
      options: live,
      queries: feedQueries(
        exemplarRows(40).map((row, i) => ({ ...row, secondsAgo: i })),
        fixedNow / 1000
      ),
      range: today,
      maxDataPoints: 11_000,
    });
    const text = await panelText();
    expect(text).toMatch(/Sample: Grafana keeps one event per 1 s step — 40 of ≈500 events in this range \(8\.0 %\)/);
  });

  it('has column headers, dates rows that are not today, and starts afresh when the time range moves', async () => {
    await show({
      options: live,
      queries: feedQueries(exemplarRows(5), fixedNow / 1000),
      range: today,
      maxDataPoints: 11_000,
    });
    await expect(page.getByRole('columnheader').allInnerTexts()).resolves.toEqual(['Time', 'Event', 'User', 'Trace']);
    const earlier = exemplarRows(3, 100).map((row) => ({ ...row, userId: `yesterday${row.userId}` }));
    await show({
      options: live,
      queries: feedQueries(earlier, yesterday.to / 1000),
      range: yesterday,
      maxDataPoints: 11_000,
    });
    const rows = await page.getByTestId('feed-event').allInnerTexts();
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.includes('yesterday'))).toBe(true);
    expect(rows[0]).toContain('2026-11-26');
  });

  it('follows one user when their pseudonym is clicked', async () => {
    const rows = exemplarRows(12).map((row, i) => ({ ...row, userId: i % 3 === 0 ? 'c0ffee' : row.userId }));
    await show({ options: live, queries: feedQueries(rows, fixedNow / 1000), range: today, maxDataPoints: 11_000 });
    await page.getByRole('button', { name: 'Follow user c0ffee' }).first().click({ timeout: 5000 });
    const shown = await page.getByTestId('feed-event').allInnerTexts();
    expect(shown).toHaveLength(4);
    expect(shown.every((row) => row.includes('c0ffee'))).toBe(true);
    await expect(page.getByText('Following c0ffee').isVisible()).resolves.toBe(true);
  });

  it('never renders a javascript: trace URL', async () => {
    await show({
      options: { ...live, traceUrlTemplate: 'javascript:alert(1)//${traceId}' },
      queries: feedQueries(exemplarRows(3), fixedNow / 1000),
      range: today,
      // No trace link from the data source: the panel's Trace URL option makes the link.
      datasource: { scrapeInterval: '5s' },
    });
    const hrefs = await page
      .locator('#panel a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.filter((href) => !/^https?:/.test(href))).toEqual([]);
  });
});

describe('layout', () => {
  const longSteps: StepCountRow[] = [
    ['landing_page_viewed', 1000],
    ['product_viewed', 800],
    ['product_compared', 500],
    ['product_added_to_cart', 400],
    ['product_added_to_wishlist', 300],
    ['checkout_started', 200],
    ['checkout_payment_entered', 150],
    ['payment_succeeded', 120],
  ];

  /** Each step's visible label: its text, whether it is cut off, and the full name it stands for. */
  async function labels(steps: readonly StepCountRow[] = longSteps) {
    return page.evaluate(
      (names) => {
        const panel = document.getElementById('panel')!;
        return names.map((name) => {
          const element =
            panel.querySelector<HTMLElement>(`[data-step-label][title="${name}"]`) ??
            [...panel.querySelectorAll<HTMLElement>('span, a')].find((candidate) => candidate.textContent === name);
          return element === undefined || element === null
            ? { name, text: '', cut: true }
            : { name, text: element.innerText, cut: element.scrollWidth > element.clientWidth + 1 };
        });
      },
      steps.map(([step]) => step)
    );
  }

  it('shows every step name of a vertical funnel whole or distinctly abbreviated, eight steps at 360 px', async () => {
    await show({
      options: { stepsRefIds: ['A'], orientation: 'vertical' },
      queries: [instant('A', stepSeries(longSteps))],
      width: 360,
      height: 300,
    });
    const shown = await labels();
    expect(shown.filter((label) => label.cut)).toEqual([]);
    expect(new Set(shown.map((label) => label.text)).size).toBe(longSteps.length);
  });

  it('keeps step names whole in a vertical funnel at 720 px (no “product_vie…”)', async () => {
    await show({
      options: { stepsRefIds: ['A'], orientation: 'vertical' },
      queries: [instant('A', stepSeries(longSteps.slice(0, 4)))],
      width: 720,
      height: 420,
    });
    const shown = await labels(longSteps.slice(0, 4));
    expect(shown.filter((label) => label.cut || label.text !== label.name)).toEqual([]);
  });

  it('wraps four step names whole in a horizontal funnel at 340 × 230, without scrolling (no “produ_viewe”)', async () => {
    await show({
      options: { stepsRefIds: ['A'] },
      queries: [instant('A', stepSeries(checkoutSteps))],
      width: 340,
      height: 230,
    });
    const shown = await labels(checkoutSteps);
    expect(shown.filter((label) => label.cut || label.text !== label.name)).toEqual([]);
    const scrolls = await page
      .getByTestId('funnel-view')
      .evaluate((view) =>
        [...view.querySelectorAll<HTMLElement>('*')].some(
          (box) => box.scrollHeight > box.clientHeight + 1 && getComputedStyle(box).overflowY !== 'visible'
        )
      );
    expect(scrolls).toBe(false);
  });

  it('keeps every percentage as wide as the next (one decimal, tabular figures: no “60%” beside “33.3%”)', async () => {
    await show({
      options: { stepsRefIds: ['A'] },
      queries: [
        instant(
          'A',
          stepSeries([
            ['product_viewed', 1000],
            ['cart_added', 600],
            ['checkout_started', 333],
            ['payment_succeeded', 111],
          ])
        ),
      ],
    });
    const percentages = await page
      .locator('#panel span')
      .evaluateAll((spans) =>
        spans
          .filter((span) => span.children.length === 0 && /^\d+(\.\d+)?%$/.test(span.textContent ?? ''))
          .map((span) => ({ text: span.textContent, width: Math.round(span.getBoundingClientRect().width * 10) / 10 }))
      );
    expect(percentages.map((percentage) => percentage.text)).toEqual(['100.0%', '60.0%', '33.3%', '11.1%']);
    expect(new Set(percentages.slice(1).map((percentage) => percentage.width)).size).toBe(1);
  });

  it('shows counts with the Decimals the field config sets', async () => {
    await show({
      options: { stepsRefIds: ['A'] },
      queries: [
        instant(
          'A',
          stepSeries([
            ['product_viewed', 1000.5],
            ['cart_added', 600.2],
          ])
        ),
      ],
      fieldConfig: { defaults: { decimals: 2 }, overrides: [] },
    });
    expect((await barNames())[1]).toMatch(/^cart_added: 600\.20, 59\.99% of first step/);
  });

  it.each(['horizontal', 'vertical'] as const)(
    'shows every threshold band of the legend whole at 340 × 230 (%s)',
    async (orientation) => {
      await show({
        options: { stepsRefIds: ['A'], orientation },
        queries: [instant('A', stepSeries(checkoutSteps))],
        width: 340,
        height: 230,
      });
      // A band is shown when its entry (swatch and words) lies inside every box that clips it.
      const bands = await page.locator('#panel [data-color]').evaluateAll((swatches) =>
        swatches.map((swatch) => {
          const entry = swatch.parentElement!.getBoundingClientRect();
          if (entry.width === 0) {
            return false;
          }
          for (let box = swatch.parentElement!.parentElement; box !== null; box = box.parentElement) {
            const clip = box.getBoundingClientRect();
            const clips = getComputedStyle(box).overflow !== 'visible' || box.id === 'panel';
            if (clips && (entry.top < clip.top - 0.5 || entry.bottom > clip.bottom + 0.5)) {
              return false;
            }
            if (box.id === 'panel') {
              break;
            }
          }
          return true;
        })
      );
      expect(bands).toEqual([true, true, true]);
    }
  );

  it('colours each event the same whatever its rank', async () => {
    const colourOf = async (event: string) =>
      page
        .getByRole('region', { name: 'Events per second by event' })
        .getByRole('listitem')
        .filter({ hasText: event })
        .locator('[style*="background"]')
        .first()
        .evaluate((bar) => getComputedStyle(bar).backgroundColor, undefined, { timeout: 5000 });
    const rates = (values: Array<[string, number]>) => ({
      options: { mode: 'live' as const, activeUsersRefId: '', ratesRefId: 'B', feedRefId: '' },
      queries: [{ target: { refId: 'B', expr: 'rates', instant: true }, instant: eventSeries(values) }],
    });
    await show(
      rates([
        ['cart_added', 5],
        ['page_viewed', 3],
      ])
    );
    const first = await colourOf('cart_added');
    await show(
      rates([
        ['cart_added', 2],
        ['page_viewed', 4],
      ])
    );
    expect(first).not.toBeNull();
    expect(await colourOf('cart_added')).toBe(first);
  });

  it('hides a breakdown group that counted nobody, and says so', async () => {
    await show({
      options: { stepsRefIds: ['A'], breakdownLabel: 'country' },
      queries: [
        instant('A', [
          ...stepSeries(checkoutSteps, { labels: { country: 'de' } }),
          ...stepSeries(
            checkoutSteps.map(([step]) => [step, 0]),
            { labels: { country: '__other__' } }
          ),
        ]),
      ],
    });
    await expect(page.getByRole('region', { name: /^Funnel for country=/ }).count()).resolves.toBe(1);
    expect(await panelText()).toContain('1 group with no attempts hidden (__other__)');
  });

  it.each(['light', 'dark'] as const)(
    'draws the baseline ghost with ≥ 3:1 contrast against bar and track (%s)',
    async (theme) => {
      await show({
        theme,
        options: { stepsRefIds: ['A'], baselineRefId: 'B' },
        queries: [instant('A', stepSeries(checkoutSteps)), instant('B', stepSeries(checkoutBaselineSteps))],
      });
      // The ghost is the dashed outline in the first step's track; its stroke is blended by its
      // opacity over what lies under it: the bar (the baseline is shorter) or the empty track.
      const contrasts = await page.evaluate(() => {
        const parse = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
        const blend = (stroke: string, under: string, opacity: number) => {
          const [a, b] = [parse(stroke), parse(under)];
          return [0, 1, 2].map((i) => (a[i] ?? 0) * opacity + (b[i] ?? 0) * (1 - opacity));
        };
        const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
          const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
          return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        };
        const contrast = (a: number[], b: number[]) => {
          const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
          return (l1! + 0.05) / (l2! + 0.05);
        };
        const track = document.querySelectorAll<HTMLElement>('#panel [role="img"]')[1];
        const parts = [...(track?.querySelectorAll<HTMLElement>('*') ?? [])];
        const ghost = parts.find((part) => getComputedStyle(part).borderTopStyle === 'dashed');
        const bar = parts.find(
          (part) => part !== ghost && getComputedStyle(part).backgroundColor !== 'rgba(0, 0, 0, 0)'
        );
        if (!track || !ghost || !bar) {
          return { bar: 0, track: 0 };
        }
        const style = getComputedStyle(ghost);
        const opacity = Number(style.opacity);
        const strokes = [style.borderTopColor, style.outlineColor].filter((color) => !/,\s*0\)$/.test(color));
        const best = (under: string) =>
          Math.max(...strokes.map((stroke) => contrast(blend(stroke, under, opacity), parse(under))));
        return {
          bar: Math.round(best(getComputedStyle(bar).backgroundColor) * 100) / 100,
          track: Math.round(best(getComputedStyle(track).backgroundColor) * 100) / 100,
        };
      });
      expect(contrasts.bar).toBeGreaterThanOrEqual(3);
      expect(contrasts.track).toBeGreaterThanOrEqual(3);
    }
  );

  it('says when the baseline query returned nothing', async () => {
    await show({
      options: { stepsRefIds: ['A'], baselineRefId: 'B' },
      queries: [instant('A', stepSeries(checkoutSteps)), instant('B', [])],
    });
    expect(await panelText()).toContain('The baseline (query B) has no data');
  });

  it('points the drop-off arrow along the funnel: down when horizontal, right when vertical', async () => {
    await show({
      options: { stepsRefIds: ['A'], orientation: 'vertical' },
      queries: [instant('A', stepSeries(checkoutSteps))],
    });
    const text = await panelText();
    expect(text).toContain('→ 400 dropped');
    expect(text).not.toContain('↓');
  });
});

it('ran without page errors', () => {
  expect(pageErrors).toEqual([]);
});
