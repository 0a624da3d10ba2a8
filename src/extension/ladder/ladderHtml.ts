/** The depth ladder page's HTML: the chart's strict CSP (nonce scripts, own-origin styles, no network). */
import { chartCsp, makeNonce } from '../chart/chartHtml';

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function ladderHtml(uris: { cspSource: string; script: string; style: string }, nonce: string = makeNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(chartCsp(uris.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(uris.style)}">
<title>Depth ladder</title>
</head>
<body>
<script nonce="${nonce}" src="${escapeAttr(uris.script)}"></script>
</body>
</html>`;
}
