import { LoadingState, type PanelData } from '@grafana/data';

/** The query error Grafana reports for the panel, if any, as one sentence. */
export function panelErrorMessage(data: PanelData): string | undefined {
  const messages = (data.errors ?? [])
    .map((error) => error.message ?? error.data?.message ?? '')
    .filter((text) => text !== '');
  if (messages.length > 0) {
    return messages.join('; ');
  }
  return data.state === LoadingState.Error
    ? 'The query failed without a message; open the query inspector for details.'
    : undefined;
}
