/**
 * The part of Grafana's template service that data links need: `${__value.raw|text|numeric|time}`
 * read from the link's data context, reproduced from grafana/grafana
 * `public/app/features/templating/dataMacros.ts` (`valueMacro`); with the `uriencode` format the
 * value is URI-encoded, as `formatVariableValue` does for links. Dashboard variables are not
 * emulated: the host has none.
 */
import {
  FieldType,
  formattedValueToString,
  type Field,
  type InterpolateFunction,
  type ScopedVars,
} from '@grafana/data';

interface DataContext {
  readonly frame: { readonly fields: Field[] };
  readonly field: Field;
  readonly rowIndex?: number;
}

function valueAt(context: DataContext | undefined, path: string | undefined): unknown {
  if (context?.rowIndex === undefined) {
    return '';
  }
  const row = context.rowIndex;
  if (path === 'time') {
    return context.frame.fields.find((field) => field.type === FieldType.time)?.values[row];
  }
  const value: unknown = context.field.values[row];
  if (path === 'raw') {
    return value;
  }
  const display = context.field.display?.(value);
  if (display === undefined) {
    return value;
  }
  return path === 'numeric' ? display.numeric : path === 'text' ? display.text : formattedValueToString(display);
}

export const replaceVariables: InterpolateFunction = (text, scopedVars?: ScopedVars, format?: unknown) =>
  text.replace(/\$\{__value(?:\.(raw|text|numeric|time))?\}/g, (_, path: string | undefined) => {
    const context = scopedVars?.__dataContext?.value as DataContext | undefined;
    const value = String(valueAt(context, path) ?? '');
    return format === 'uriencode' ? encodeURIComponent(value) : value;
  });
