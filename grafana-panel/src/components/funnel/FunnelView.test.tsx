import { LoadingState } from '@grafana/data';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  checkoutBaselineSteps,
  checkoutSteps,
  queryPerStepDTOs,
  stepSeriesDTOs,
  stepTableDTO,
} from '../../data/fixtures/dtos';
import { exampleQueries } from '../../data/exampleQueries';
import { fieldConfigWithDefaults, getPanelProps, renderPanel } from '../../testing/panelProps';

describe.each(['light', 'dark'] as const)('funnel view, %s theme', (theme) => {
  it('draws every step with its count, conversion from the first step and drop-off', () => {
    renderPanel(getPanelProps({ series: stepSeriesDTOs(checkoutSteps), theme }), theme);
    const bars = screen.getAllByRole('img');
    expect(bars.map((bar) => bar.getAttribute('aria-label'))).toEqual([
      'product_viewed: 1,000, 100% of first step',
      'cart_added: 600, 60% of first step',
      'checkout_started: 300, 30% of first step',
      'payment_succeeded: 240, 24% of first step',
    ]);
    expect(
      screen.getByText('↓ 400 dropped (40%)', { normalizer: (t) => t.replace(/\s+/g, ' ').trim() })
    ).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Legend' })).toHaveTextContent('Conversion from the first step');
  });

  it('measures from the previous step when asked', () => {
    renderPanel(
      getPanelProps({ series: stepSeriesDTOs(checkoutSteps), options: { percentBase: 'previous' }, theme }),
      theme
    );
    expect(screen.getByRole('img', { name: /checkout_started: 300, 50% of previous step/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /payment_succeeded: 240, 80% of previous step/ })).toBeInTheDocument();
  });

  it('reads a table and one query per step the same way', () => {
    const { unmount } = renderPanel(getPanelProps({ series: [stepTableDTO(checkoutSteps)], theme }), theme);
    expect(screen.getByRole('img', { name: /payment_succeeded: 240, 24%/ })).toBeInTheDocument();
    unmount();
    renderPanel(getPanelProps({ series: queryPerStepDTOs(checkoutSteps), theme }), theme);
    expect(screen.getByRole('img', { name: /cart_added: 600, 60%/ })).toBeInTheDocument();
  });

  it('shows the baseline as ghost bars with the change in points', () => {
    renderPanel(
      getPanelProps({
        series: [...stepSeriesDTOs(checkoutSteps), ...stepSeriesDTOs(checkoutBaselineSteps, { refId: 'B' })],
        options: { comparisonRefId: 'B' },
        theme,
      }),
      theme
    );
    expect(
      screen.getByRole('img', { name: /payment_succeeded: 240, 24% of first step, \+4 pts vs baseline/ })
    ).toBeInTheDocument();
    expect(screen.getByText('Baseline (query B), change in points')).toBeInTheDocument();
    expect(screen.getAllByRole('img')).toHaveLength(4);
  });

  it('draws small multiples for a breakdown label', () => {
    const series = [
      ...stepSeriesDTOs(checkoutSteps, { labels: { country: 'de' } }),
      ...stepSeriesDTOs(checkoutBaselineSteps, { labels: { country: 'fr' } }),
    ];
    renderPanel(getPanelProps({ series, options: { breakdownLabel: 'country' }, theme }), theme);
    const de = screen.getByRole('region', { name: 'Funnel for country=de' });
    const fr = screen.getByRole('region', { name: 'Funnel for country=fr' });
    expect(within(de).getByText('24% overall')).toBeInTheDocument();
    expect(within(fr).getByText('20% overall')).toBeInTheDocument();
  });

  it('colours bars by the thresholds on the conversion percentage', () => {
    renderPanel(getPanelProps({ series: stepSeriesDTOs(checkoutSteps), theme }), theme);
    const legendColors = screen
      .getAllByRole('listitem')
      .flatMap((item) => Array.from(item.querySelectorAll('[data-color]')).map((el) => el.getAttribute('data-color')));
    expect(legendColors).toHaveLength(3);
    const barColor = (name: RegExp) =>
      (screen.getByRole('img', { name }).querySelector('div:last-child') as HTMLElement).style.background;
    // 24 % is in the orange band (10–25 %), 60 % in the green one.
    expect(barColor(/payment_succeeded/)).not.toBe(barColor(/cart_added/));
  });

  it('turns the step name into the field’s data link', () => {
    const fieldConfig = fieldConfigWithDefaults({
      links: [{ title: 'Explore step', url: 'https://grafana.example/explore?step=1' }],
    });
    renderPanel(getPanelProps({ series: stepSeriesDTOs(checkoutSteps), fieldConfig, theme }), theme);
    const link = screen.getByRole('link', { name: 'cart_added' });
    expect(link).toHaveAttribute('href', 'https://grafana.example/explore?step=1');
  });

  it('reaches each step with the keyboard and shows its tooltip', async () => {
    const user = userEvent.setup();
    renderPanel(getPanelProps({ series: stepSeriesDTOs(checkoutSteps), theme }), theme);
    await user.tab();
    expect(screen.getByRole('img', { name: /^product_viewed/ })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('img', { name: /^cart_added/ })).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent('Dropped since previous400 (40%)');
  });

  it('shows the median time to convert when the query is there', () => {
    renderPanel(
      getPanelProps({
        series: [
          ...stepSeriesDTOs(checkoutSteps),
          ...stepSeriesDTOs([['payment_succeeded', 262]], { refId: 'C', stepIndexes: [3] }),
        ],
        options: { timeToConvertRefId: 'C' },
        theme,
      }),
      theme
    );
    expect(screen.getByRole('img', { name: /median time to convert 4 min 22 s/ })).toBeInTheDocument();
  });

  it('drops the secondary figures at small sizes but keeps counts and percentages', () => {
    renderPanel(getPanelProps({ series: stepSeriesDTOs(checkoutSteps), width: 280, height: 110, theme }), theme);
    expect(screen.queryByText(/dropped/)).not.toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Legend' })).not.toBeInTheDocument();
    expect(screen.getByText('24%')).toBeInTheDocument();
  });

  it('says which query to write when the shape is unsupported', () => {
    const wide = {
      refId: 'A',
      fields: [
        { name: 'a', values: [1] },
        { name: 'b', values: [2] },
      ],
    };
    renderPanel(getPanelProps({ series: [wide], theme }), theme);
    expect(screen.getByTestId('panel-unsupported')).toHaveTextContent(exampleQueries('').funnelSteps);
  });

  it('suggests the query in the namespace the panel is given', () => {
    renderPanel(getPanelProps({ options: { namespace: 'shop' }, series: [], theme }), theme);
    expect(screen.getByRole('status')).toHaveTextContent(exampleQueries('shop').funnelSteps);
  });

  it('says there is no data', () => {
    renderPanel(getPanelProps({ series: [], theme }), theme);
    expect(screen.getByRole('status')).toHaveTextContent('No data');
  });

  it('shows the query error as an alert', () => {
    renderPanel(
      getPanelProps({ series: [], state: LoadingState.Error, errors: [{ message: 'parse error at char 12' }], theme }),
      theme
    );
    expect(screen.getByRole('alert')).toHaveTextContent('parse error at char 12');
  });
});
