// Canvas colours can't follow CSS variables by themselves: read the --vscode-* values and watch for theme changes.

export interface SeriesStyle {
  /** A --vscode-charts-* variable. */
  colorVar: string;
  /** Dashes tell series of the same colour apart, also for people who can't tell the colours apart. */
  dash?: number[];
}

export const SERIES_STYLES: Record<string, SeriesStyle> = {
  accepted: { colorVar: '--vscode-charts-blue' },
  delivered: { colorVar: '--vscode-charts-green' },
  failedPermanent: { colorVar: '--vscode-charts-red' },
  failedTemporary: { colorVar: '--vscode-charts-orange', dash: [6, 3] },
  opened: { colorVar: '--vscode-charts-purple' },
  clicked: { colorVar: '--vscode-charts-yellow' },
  unsubscribed: { colorVar: '--vscode-charts-blue', dash: [6, 3] },
  complained: { colorVar: '--vscode-charts-red', dash: [2, 3] },
  deliveredRate: { colorVar: '--vscode-charts-green' },
  openedRate: { colorVar: '--vscode-charts-purple' },
  clickedRate: { colorVar: '--vscode-charts-yellow' },
  bounceRate: { colorVar: '--vscode-charts-orange' },
  complainedRate: { colorVar: '--vscode-charts-red', dash: [2, 3] },
};

export interface Palette {
  /** body class: vscode-light, vscode-dark, vscode-high-contrast or vscode-high-contrast-light. */
  kind: string;
  foreground: string;
  grid: string;
  font: string;
  highContrast: boolean;
  series: Record<string, string>;
}

export function themeKind(): string {
  const classes = document.body.classList;
  for (const c of ['vscode-high-contrast-light', 'vscode-high-contrast', 'vscode-dark', 'vscode-light']) if (classes.contains(c)) return c;
  return 'unknown';
}

export function readPalette(): Palette {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  const foreground = v('--vscode-charts-foreground', v('--vscode-foreground', ''));
  const kind = themeKind();
  const highContrast = kind.startsWith('vscode-high-contrast');
  const series: Record<string, string> = {};
  for (const [key, style] of Object.entries(SERIES_STYLES)) series[key] = v(style.colorVar, foreground);
  const size = v('--vscode-font-size', '13px');
  const family = v('--vscode-font-family', 'sans-serif');
  return {
    kind,
    foreground,
    grid: highContrast ? v('--vscode-contrastBorder', foreground) : v('--vscode-charts-lines', foreground),
    font: `${size} ${family}`,
    highContrast,
    series,
  };
}

/** Calls `onChange` once per frame after VS Code switches the theme (body class, theme id, or the variables on <html>). */
export function watchTheme(onChange: () => void): void {
  let pending = false;
  const schedule = (): void => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
