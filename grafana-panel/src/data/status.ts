/**
 * What the panel can draw from the data it got. Every state is rendered on purpose: the panel
 * never guesses a picture from data it does not understand.
 */
export type PanelDataStatus<T> =
  | { readonly status: 'ok'; readonly model: T }
  | { readonly status: 'nodata'; readonly message: string }
  | { readonly status: 'unsupported'; readonly message: string; readonly hint: string }
  | { readonly status: 'error'; readonly message: string };
