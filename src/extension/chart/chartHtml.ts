/**
 * The quote chart page's HTML, vscode-free so the UI test can serve the very same page.
 * CSP: nothing by default, scripts only with this page's nonce, styles/fonts only from the
 * webview's own resource origin, and no network at all (connect-src 'none').
 */
import { randomBytes } from 'node:crypto';

export interface ChartPageUris {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly script: string;
  readonly style: string;
  readonly codicons: string;
  /** The page title (the account panel reuses this page shell). */
  readonly title?: string;
}

/** A fresh nonce per page, from crypto (never Math.random). */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function chartCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    "connect-src 'none'",
  ].join('; ');
}

export function chartHtml(uris: ChartPageUris, nonce: string = makeNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(chartCsp(uris.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(uris.codicons)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${escapeAttr(uris.style)}">
<title>${escapeAttr(uris.title ?? 'Quote chart')}</title>
</head>
<body>
<script nonce="${nonce}" src="${escapeAttr(uris.script)}"></script>
</body>
</html>`;
}
