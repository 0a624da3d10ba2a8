import { MAX_VIEW_TEXT_CHARS } from '../limits';

/**
 * A server-chosen string made fit for a view: one line (control and line-separator characters
 * become "?"), at most `max` characters with an ellipsis. A contract name or an error text of a
 * megabyte must not reach a tree row, a status bar or a webview as it is.
 */
export function clipText(text: string, max = MAX_VIEW_TEXT_CHARS): string {
  const head = text.length > max ? text.slice(0, max) : text;
  // eslint-disable-next-line no-control-regex
  const line = head.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return text.length > max ? `${line.slice(0, Math.max(0, max - 1))}…` : line;
}
