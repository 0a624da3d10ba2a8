/** The account panel page's HTML (vscode-free, so the UI test serves the very same page): the chart's shell and CSP. */
import { chartHtml, makeNonce, type ChartPageUris } from '../chart/chartHtml';

export function accountHtml(uris: Omit<ChartPageUris, 'title'>, nonce: string = makeNonce()): string {
  return chartHtml({ ...uris, title: 'Account' }, nonce);
}
