import { describeNotification } from './notifications';

describe('describeNotification', () => {
  it('prints one line per alert with its distinguishing labels and summary', () => {
    const lines = describeNotification({
      receiver: 'frontend-notify',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'api_error_browser_spike',
            severity: 'warning',
            team: 'frontend',
            browser: 'chrome',
            browser_version: '131',
          },
          annotations: { summary: 'API errors are 5x their usual rate for one browser version' },
          startsAt: '2026-11-27T12:00:00Z',
        },
        {
          status: 'resolved',
          labels: { alertname: 'page_views_stopped', severity: 'critical', team: 'shop', event: 'page_viewed' },
          annotations: {},
          startsAt: '2026-11-27T12:00:00Z',
        },
      ],
    });
    expect(lines).toEqual([
      'FIRING    warning   api_error_browser_spike  browser=chrome browser_version=131  — API errors are 5x their usual rate for one browser version',
      'RESOLVED  critical  page_views_stopped  event=page_viewed',
    ]);
  });
});
