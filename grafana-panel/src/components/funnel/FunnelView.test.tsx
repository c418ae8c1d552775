import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { exampleQueries } from '../../data/exampleQueries';
import {
  checkoutBaselineSteps,
  checkoutSteps,
  grafanaScene,
  medianSeries,
  outcomesReaching,
  stepSeries,
  type QueryFixture,
} from '../../data/fixtures/prometheus';
import { getPanelProps, renderPanel } from '../../testing/panelProps';

const instant = (refId: string, series: QueryFixture['instant']): QueryFixture => ({
  target: { refId, expr: `query ${refId}`, instant: true },
  instant: series,
});
const steps = (rows = checkoutSteps) => grafanaScene([instant('A', stepSeries(rows))]);
const bars = () => screen.getAllByRole('img').map((bar) => bar.getAttribute('aria-label'));

describe.each(['light', 'dark'] as const)('funnel view, %s theme', (theme) => {
  it('draws every step with its count, conversion from the first step with its interval, and the drop-off', async () => {
    renderPanel(getPanelProps({ scene: await steps(), theme }), theme);
    expect(bars()).toEqual([
      'product_viewed: 1,000, 100.0% of first step',
      'cart_added: 600, 60.0% of first step (95 % interval 56.9–63.0%)',
      'checkout_started: 300, 30.0% of first step (95 % interval 27.2–32.9%)',
      'payment_succeeded: 240, 24.0% of first step (95 % interval 21.5–26.7%)',
    ]);
    expect(screen.getByText('↓ 400 dropped (40.0%)')).toBeInTheDocument();
    expect(screen.getByText('Live')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Legend' })).toHaveTextContent('Conversion from the first step');
    expect(screen.getAllByTestId('interval')).toHaveLength(3);
  });

  it('measures from the previous step when asked', async () => {
    renderPanel(getPanelProps({ scene: await steps(), options: { percentBase: 'previous' }, theme }), theme);
    expect(screen.getByRole('img', { name: /^checkout_started: 300, 50\.0% of previous step/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^payment_succeeded: 240, 80\.0% of previous step/ })).toBeInTheDocument();
  });

  it('shows settled counts with the baseline as ghost bars, its change and whether it is significant', async () => {
    const scene = await grafanaScene([
      instant('A', stepSeries(checkoutSteps)),
      instant('B', outcomesReaching([1000, 600, 300, 240])),
      instant('C', outcomesReaching(checkoutBaselineSteps.map(([, count]) => count))),
    ]);
    renderPanel(getPanelProps({ scene, options: { outcomesRefId: 'B', baselineRefId: 'C' }, theme }), theme);
    expect(screen.getByText('Settled')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: /^payment_succeeded: 240, 24\.0% of first step .*, \+4\.0 pts vs baseline, significant \(p = 0\.036\)$/,
      })
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('baseline-ghost')).toHaveLength(4);
    expect(screen.getByText('Baseline (query C), change in points, coloured when significant')).toBeInTheDocument();
  });

  it('marks a conversion below the minimum volume as not enough data', async () => {
    renderPanel(
      getPanelProps({
        scene: await steps([
          ['viewed', 7],
          ['cart', 3],
          ['paid', 1],
        ]),
        options: { minVolume: 30 },
        theme,
      }),
      theme
    );
    expect(screen.getAllByText('not enough data')).toHaveLength(2);
    expect(bars()[2]).toBe(
      'paid: 1, 14.3% of first step (95 % interval 2.6–51.3%), not enough data: 7 attempts at the base, fewer than 30'
    );
  });

  it('draws small multiples for a breakdown label, each funnel a described canvas', async () => {
    const scene = await grafanaScene([
      instant('A', [
        ...stepSeries(checkoutSteps, { labels: { country: 'de' } }),
        ...stepSeries(checkoutBaselineSteps, { labels: { country: 'fr' } }),
      ]),
    ]);
    renderPanel(getPanelProps({ scene, options: { breakdownLabel: 'country' }, theme }), theme);
    const de = screen.getByRole('region', { name: 'Funnel for country=de' });
    expect(within(de).getByText('24.0% overall')).toBeInTheDocument();
    expect(within(de).getByRole('img').getAttribute('aria-label')).toContain('cart_added: 600, 60.0% of first step');
    expect(
      within(screen.getByRole('region', { name: 'Funnel for country=fr' })).getByText('20.0% overall')
    ).toBeInTheDocument();
  });

  it('turns the step name into the field’s data link, and drops a link that is not http(s)', async () => {
    const scene = await steps();
    const links = [
      { title: 'Explore step', url: 'https://grafana.example/explore?step=1' },
      { title: 'Bad', url: 'javascript:alert(1)' },
    ];
    renderPanel(getPanelProps({ scene, fieldConfig: { links }, theme }), theme);
    expect(screen.getByRole('link', { name: 'cart_added' })).toHaveAttribute(
      'href',
      'https://grafana.example/explore?step=1'
    );
  });

  it('reaches each step with the keyboard and shows its tooltip', async () => {
    const user = userEvent.setup();
    renderPanel(getPanelProps({ scene: await steps(), theme }), theme);
    await user.tab();
    expect(screen.getByRole('img', { name: /^product_viewed/ })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('img', { name: /^cart_added/ })).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Dropped since previous400 (40.0%)');
  });

  it('shows the median time to convert when the query is there', async () => {
    const scene = await grafanaScene([
      instant('A', stepSeries(checkoutSteps)),
      instant('C', medianSeries([['payment_succeeded', 262]])),
    ]);
    renderPanel(getPanelProps({ scene, options: { medianRefId: 'C' }, theme }), theme);
    expect(screen.getByRole('img', { name: /median time to convert 4 min 22 s$/ })).toBeInTheDocument();
  });

  it('drops the secondary figures at small sizes but keeps counts, percentages and the notes', async () => {
    const scene = await grafanaScene([instant('A', stepSeries(checkoutSteps)), instant('B', [])]);
    renderPanel(getPanelProps({ scene, width: 280, height: 110, theme }), theme);
    expect(screen.queryByText(/dropped/)).not.toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Legend' })).not.toBeInTheDocument();
    expect(screen.getByText('24.0%')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '1 note' })).toBeInTheDocument();
  });

  it('says which query to write when the shape is unsupported', async () => {
    const scene = await grafanaScene([
      {
        target: { refId: 'A', expr: 'x', instant: true },
        instant: [
          { metric: { a: '1' }, value: [0, '1'] },
          { metric: { a: '2' }, value: [0, '2'] },
        ],
      },
    ]);
    renderPanel(getPanelProps({ scene, theme }), theme);
    expect(screen.getByTestId('panel-unsupported')).toHaveTextContent(exampleQueries('').funnelSteps);
  });

  it('suggests the query in the namespace the panel is given when there is no data', () => {
    renderPanel(getPanelProps({ options: { namespace: 'shop' }, theme }), theme);
    expect(screen.getByRole('status')).toHaveTextContent(
      `No data. A funnel needs step counts, e.g. ${exampleQueries('shop').funnelSteps}`
    );
  });

  it('shows the query error as an alert', async () => {
    const scene = await grafanaScene([
      { target: { refId: 'A', expr: 'x', instant: true }, error: 'parse error at char 12' },
    ]);
    renderPanel(getPanelProps({ scene, theme }), theme);
    expect(screen.getByRole('alert')).toHaveTextContent('bad_data: parse error at char 12');
  });
});
