/**
 * Chart colors from the workbench's --vscode-* variables, and a watcher that fires when VS Code
 * switches theme (it rewrites the <html> style and the body's vscode-light/dark class).
 */
export interface ChartTheme {
  readonly kind: 'light' | 'dark' | 'high-contrast';
  readonly background: string;
  readonly foreground: string;
  readonly grid: string;
  readonly border: string;
  readonly last: string;
  readonly bid: string;
  readonly ask: string;
  readonly buy: string;
  readonly sell: string;
  readonly fontFamily: string;
  readonly fontSize: number;
}

function themeKind(): ChartTheme['kind'] {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast') || c.contains('vscode-high-contrast-light')) return 'high-contrast';
  return c.contains('vscode-light') ? 'light' : 'dark';
}

export function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const kind = themeKind();
  const dark = kind !== 'light';
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const foreground = v('--vscode-editor-foreground', v('--vscode-foreground', dark ? '#cccccc' : '#333333'));
  return {
    kind,
    background: v('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
    foreground,
    grid: v('--vscode-editorIndentGuide-background1', v('--vscode-charts-lines', dark ? '#2b2b2b' : '#e5e5e5')),
    // High contrast: the theme's contrast border outlines the scales, as it outlines the workbench.
    border: kind === 'high-contrast' ? v('--vscode-contrastBorder', '#6fc3df') : v('--vscode-panel-border', v('--vscode-widget-border', dark ? '#454545' : '#d4d4d4')),
    last: v('--vscode-charts-blue', dark ? '#3794ff' : '#1a85ff'),
    bid: v('--vscode-charts-green', dark ? '#89d185' : '#388a34'),
    ask: v('--vscode-charts-red', dark ? '#f14c4c' : '#e51400'),
    buy: v('--vscode-charts-green', dark ? '#89d185' : '#388a34'),
    sell: v('--vscode-charts-red', dark ? '#f14c4c' : '#e51400'),
    fontFamily: v('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: Number.parseInt(v('--vscode-font-size', '12px'), 10) || 12,
  };
}

/** Calls `listener` (once per frame at most) whenever the theme may have changed. */
export function watchTheme(listener: (theme: ChartTheme) => void): () => void {
  let frame = 0;
  const observer = new MutationObserver(() => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      listener(readTheme());
    });
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  return () => observer.disconnect();
}
