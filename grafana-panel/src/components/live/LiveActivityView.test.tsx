import { LoadingState } from '@grafana/data';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { exampleQueries } from '../../data/exampleQueries';
import {
  activeUsersSeries,
  eventSeries,
  exemplarSeries,
  fixedNow,
  grafanaScene,
  lastHour,
  type ExemplarRow,
  type QueryFixture,
} from '../../data/fixtures/prometheus';
import { getPanelProps, renderPanel, type ThemeName } from '../../testing/panelProps';
import type { PanelOptions } from '../../types';

/** `count` events 10 s apart, the newest `firstSecondsAgo` before the end of the range. */
function rows(count: number, firstSecondsAgo: number, prefix = 'u'): ExemplarRow[] {
  return Array.from({ length: count }, (_, i) => ({
    secondsAgo: firstSecondsAgo + i * 10,
    event: i % 2 === 0 ? 'cart_added' : 'payment_succeeded',
    userId: `${prefix}${String(i).padStart(4, '0')}`,
    traceId: `${prefix}${i}`.padEnd(32, '0'),
  }));
}

function queries(exemplars: readonly ExemplarRow[]): QueryFixture[] {
  return [
    {
      target: { refId: 'A', expr: 'estimate', range: true, interval: '1m' },
      range: activeUsersSeries([100, 120, 130]),
    },
    {
      target: { refId: 'B', expr: 'rates', instant: true },
      instant: eventSeries([
        ['cart_added', 2.5],
        ['page_viewed', 12],
      ]),
    },
    {
      target: { refId: 'C', expr: 'events in range', instant: true, exemplar: true, interval: '1s' },
      instant: eventSeries([['cart_added', exemplars.length * 2]]),
      exemplars: exemplarSeries(exemplars),
    },
  ];
}

const liveOptions: Partial<PanelOptions> = {
  mode: 'live',
  feedLength: 5,
  traceUrlTemplate: 'https://tempo.example/trace/${traceId}',
};

async function liveProps(
  theme: ThemeName,
  exemplars: readonly ExemplarRow[],
  extra: Parameters<typeof getPanelProps>[0] = {}
) {
  const scene = await grafanaScene(queries(exemplars), {
    range: lastHour,
    maxDataPoints: 11_000,
    // No trace link from the data source: the Trace URL option makes it.
    datasource: { scrapeInterval: '5s' },
  });
  return getPanelProps({ options: liveOptions, scene, state: LoadingState.Streaming, theme, ...extra });
}

const feedTexts = () => screen.getAllByTestId('feed-event').map((row) => row.textContent);

describe.each(['light', 'dark'] as const)('live activity view, %s theme', (theme) => {
  it('shows active users, events per second in each event’s colour, and the newest events first under column headers', async () => {
    renderPanel(await liveProps(theme, rows(8, 0)), theme);
    expect(screen.getByRole('group', { name: 'Active users shop · 5m: 130' })).toBeInTheDocument();
    const rates = within(screen.getByRole('region', { name: 'Events per second by event' })).getAllByRole('listitem');
    expect(rates.map((row) => row.textContent)).toEqual(['page_viewed12.0/s', 'cart_added2.50/s']);
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Time',
      'Event',
      'User',
      'Trace',
    ]);
    const feed = feedTexts();
    expect(feed).toHaveLength(5);
    expect(feed[0]).toContain('2026-11-27 12:00:00');
    expect(feed[0]).toContain('u0000');
    expect(feed[1]).toContain('11:59:50');
    expect(screen.getAllByRole('link', { name: /^Trace / })[0]).toHaveAttribute(
      'href',
      `https://tempo.example/trace/${'u0'.padEnd(32, '0')}`
    );
    expect(
      screen.getByText('Sample: Grafana keeps one event per 1 s step — 8 of ≈16 events in this range (50.0 %)')
    ).toBeInTheDocument();
  });

  it('merges streaming updates, keeps the bound, and pauses while hovered', async () => {
    const user = userEvent.setup();
    const { rerenderPanel } = renderPanel(await liveProps(theme, rows(3, 30, 'old')), theme);
    expect(feedTexts()).toHaveLength(3);

    rerenderPanel(await liveProps(theme, rows(2, 0, 'new')));
    expect(feedTexts()[0]).toContain('new0000');
    expect(feedTexts()).toHaveLength(5);

    const feed = screen.getByRole('region', { name: 'Live feed of recent events' });
    await user.hover(feed);
    const before = feedTexts();
    rerenderPanel(await liveProps(theme, rows(1, 1, 'later')));
    expect(feedTexts()).toEqual(before);
    expect(screen.getByText('Paused · 1 new')).toBeInTheDocument();

    await user.unhover(feed);
    await act(async () => undefined);
    // One second before the newest event.
    expect(feedTexts()[1]).toContain('later0000');
    expect(feedTexts()).toHaveLength(5);
  });

  it('starts afresh when the time range changes, and dates rows that are not today', async () => {
    const { rerenderPanel } = renderPanel(await liveProps(theme, rows(3, 0, 'now')), theme);
    const dayBefore = { from: lastHour.from - 86_400_000, to: lastHour.to - 86_400_000 };
    const scene = await grafanaScene(queries(rows(2, 86_400 + 30, 'then')), {
      range: {
        ...dayBefore,
        raw: { from: new Date(dayBefore.from).toISOString(), to: new Date(dayBefore.to).toISOString() },
      },
      maxDataPoints: 11_000,
    });
    rerenderPanel(getPanelProps({ options: liveOptions, scene, state: LoadingState.Streaming, theme }));
    expect(feedTexts()).toHaveLength(2);
    expect(feedTexts().every((row) => row?.includes('then') && row.includes('2026-11-26'))).toBe(true);
    expect(fixedNow).toBeGreaterThan(dayBefore.to);
  });

  it('follows a user whose pseudonym is clicked, and shows everyone again', async () => {
    const user = userEvent.setup();
    const exemplars = rows(6, 0).map((row, i) => ({ ...row, userId: i % 2 === 0 ? 'c0ffee' : row.userId }));
    renderPanel(await liveProps(theme, exemplars, { options: { ...liveOptions, feedLength: 10 } }), theme);
    await user.click(screen.getAllByRole('button', { name: 'Follow user c0ffee' })[0]!);
    expect(feedTexts()).toHaveLength(3);
    expect(screen.getByText(/Following c0ffee · 3 events seen/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show everyone' }));
    expect(feedTexts()).toHaveLength(6);
  });

  it('stacks the columns in a narrow panel', async () => {
    renderPanel(await liveProps(theme, rows(2, 0), { options: liveOptions, width: 320, height: 300 }), theme);
    expect(screen.getByTestId('live-view').style.gridTemplateColumns).toBe('minmax(0, 1fr)');
  });

  it('says there is no data, and which queries to add', () => {
    renderPanel(getPanelProps({ options: { mode: 'live' }, theme }), theme);
    expect(screen.getByRole('status')).toHaveTextContent(exampleQueries('').activeUsers);
  });

  it('suggests the missing estimate and rates queries in the panel’s namespace', async () => {
    const examples = exampleQueries('shop');
    const scene = await grafanaScene(
      [{ ...queries(rows(1, 0))[2]!, target: { ...queries([])[2]!.target, refId: 'C' } }],
      {
        range: lastHour,
        maxDataPoints: 11_000,
      }
    );
    renderPanel(
      getPanelProps({ options: { mode: 'live', namespace: 'shop' }, scene, state: LoadingState.Streaming, theme }),
      theme
    );
    expect(screen.getByText(`No estimate: add ${examples.activeUsers} as a query.`)).toBeInTheDocument();
    expect(screen.getByText(`No event rates: add ${examples.eventRates}.`)).toBeInTheDocument();
  });

  it('shows a query error as an alert', async () => {
    const scene = await grafanaScene([{ target: { refId: 'A', expr: 'x', range: true }, error: 'invalid parameter' }]);
    renderPanel(getPanelProps({ options: { mode: 'live' }, scene, theme }), theme);
    expect(screen.getByRole('alert')).toHaveTextContent('bad_data: invalid parameter');
  });
});
