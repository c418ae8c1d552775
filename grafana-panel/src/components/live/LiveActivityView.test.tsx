import { LoadingState } from '@grafana/data';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { exampleQueries } from '../../data/exampleQueries';
import { activeUsersDTO, eventRateDTOs, exemplarDTO, type ExemplarRow } from '../../data/fixtures/dtos';
import { getPanelProps, renderPanel, type ThemeName } from '../../testing/panelProps';

function rows(count: number, firstSecondsAgo: number, prefix = 'u'): ExemplarRow[] {
  return Array.from({ length: count }, (_, i) => ({
    secondsAgo: firstSecondsAgo + i * 10,
    event: i % 2 === 0 ? 'cart_added' : 'payment_succeeded',
    userId: `${prefix}${String(i).padStart(4, '0')}`,
    traceId: `${prefix}${i}`.padEnd(32, '0'),
  }));
}

function liveProps(theme: ThemeName, exemplars: ExemplarRow[], extra: Parameters<typeof getPanelProps>[0] = {}) {
  return getPanelProps({
    options: { mode: 'live', feedLength: 5, traceUrlTemplate: 'https://tempo.example/trace/${traceId}' },
    series: [
      activeUsersDTO([100, 120, 130]),
      ...eventRateDTOs([
        ['cart_added', 2.5],
        ['page_viewed', 12],
      ]),
    ],
    annotations: [exemplarDTO(exemplars)],
    state: LoadingState.Streaming,
    theme,
    ...extra,
  });
}

const feedTexts = () => screen.getAllByTestId('feed-event').map((row) => row.textContent);

describe.each(['light', 'dark'] as const)('live activity view, %s theme', (theme) => {
  it('shows active users now with its scope, events per second by event, and the newest events first', () => {
    renderPanel(liveProps(theme, rows(8, 0)), theme);
    expect(screen.getByRole('group', { name: 'Active users shop · 5m: 130' })).toBeInTheDocument();
    const rates = within(screen.getByRole('region', { name: 'Events per second by event' })).getAllByRole('listitem');
    expect(rates.map((row) => row.textContent)).toEqual(['page_viewed12.0/s', 'cart_added2.50/s']);
    const feed = feedTexts();
    expect(feed).toHaveLength(5);
    expect(feed[0]).toContain('12:00:00');
    expect(feed[0]).toContain('u0000');
    expect(feed[1]).toContain('11:59:50');
    expect(screen.getAllByRole('link', { name: /^Trace / })[0]).toHaveAttribute(
      'href',
      `https://tempo.example/trace/${'u0'.padEnd(32, '0')}`
    );
  });

  it('accepts exemplar frames in data.series too', () => {
    renderPanel(getPanelProps({ options: { mode: 'live' }, series: [exemplarDTO(rows(3, 0))], theme }), theme);
    expect(feedTexts()).toHaveLength(3);
    expect(screen.getByText(/No estimate/)).toBeInTheDocument();
  });

  it('merges streaming updates, keeps the bound, and pauses while hovered', async () => {
    const user = userEvent.setup();
    const { rerenderPanel } = renderPanel(liveProps(theme, rows(3, 30, 'old')), theme);
    expect(feedTexts()).toHaveLength(3);

    rerenderPanel(liveProps(theme, rows(2, 0, 'new')));
    expect(feedTexts()[0]).toContain('new0000');
    expect(feedTexts()).toHaveLength(5);

    const feed = screen.getByRole('region', { name: 'Live feed of recent events' });
    await user.hover(feed);
    const before = feedTexts();
    rerenderPanel(liveProps(theme, rows(1, -5, 'later')));
    expect(feedTexts()).toEqual(before);
    expect(screen.getByText('Paused · 1 new')).toBeInTheDocument();

    await user.unhover(feed);
    await act(async () => undefined);
    expect(feedTexts()[0]).toContain('later0000');
    expect(feedTexts()).toHaveLength(5);
  });

  it('stacks the columns in a narrow panel', () => {
    renderPanel(liveProps(theme, rows(2, 0), { width: 320, height: 300 }), theme);
    expect(screen.getByTestId('live-view').style.gridTemplateColumns).toBe('minmax(0, 1fr)');
  });

  it('says there is no data, and which queries to add', () => {
    renderPanel(getPanelProps({ options: { mode: 'live' }, series: [], theme }), theme);
    expect(screen.getByRole('status')).toHaveTextContent(exampleQueries('').activeUsers);
  });

  it('suggests the missing estimate and rates queries in the panel’s namespace', () => {
    const examples = exampleQueries('shop');
    renderPanel(
      getPanelProps({
        options: { mode: 'live', namespace: 'shop' },
        annotations: [exemplarDTO(rows(1, 0))],
        state: LoadingState.Streaming,
        theme,
      }),
      theme
    );
    expect(screen.getByText(`No estimate: add ${examples.activeUsers} as a query.`)).toBeInTheDocument();
    expect(screen.getByText(`No event rates: add ${examples.eventRates}.`)).toBeInTheDocument();
  });

  it('shows a query error as an alert', () => {
    renderPanel(
      getPanelProps({ options: { mode: 'live' }, errors: [{ message: 'bad_data: invalid parameter' }], theme }),
      theme
    );
    expect(screen.getByRole('alert')).toHaveTextContent('bad_data: invalid parameter');
  });
});
