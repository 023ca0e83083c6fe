// One uPlot line chart, coloured from the theme's --vscode-charts-* values; x is unix seconds, shown in UTC.
import uPlot from 'uplot';
import type { StatsResolution } from '../protocol';
import { formatBucket, formatCompact, formatCount, formatRate } from './format';
import { SERIES_STYLES, type Palette } from './theme';

export interface ChartLine {
  key: string;
  label: string;
  values: (number | null)[];
}

export interface ChartInput {
  kind: 'count' | 'rate';
  resolution: StatsResolution;
  times: number[];
  lines: readonly ChartLine[];
  hidden: ReadonlySet<string>;
  palette: Palette;
  width: number;
  /** The user clicked a series in uPlot's legend. */
  onToggle(key: string, shown: boolean): void;
  /** Extra drawing, e.g. alert thresholds (threshold-plugin.ts). */
  plugins?: uPlot.Plugin[];
}

export const CHART_HEIGHT = 240;

const utc = (ts: number): Date => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');

const H = 3600;
const D = 24 * H;
const MO = 30 * D; // uPlot reads these two as calendar months and years
const Y = 365 * D;
const TIME_INCRS = [H, 2 * H, 3 * H, 4 * H, 6 * H, 8 * H, 12 * H, D, 2 * D, 3 * D, 4 * D, 5 * D, 7 * D, 10 * D, 15 * D, MO, 2 * MO, 3 * MO, 4 * MO, 6 * MO, Y, 2 * Y, 5 * Y, 10 * Y];
const FINEST: Record<StatsResolution, number> = { hour: H, day: D, month: MO };

/** Tick labels in UTC, 24-hour: `14:00` and `11-20` (at midnight) for hours, `11-20` for days, `2025-11` for months. */
function timeTicks(_u: uPlot, ticks: number[], _axis: number, _space: number, incr: number): string[] {
  return ticks.map((t) => {
    const iso = new Date(t * 1000).toISOString();
    if (incr >= MO) return iso.slice(0, 7);
    if (incr >= D || iso.slice(11, 16) === '00:00') return iso.slice(5, 10);
    return iso.slice(11, 16);
  });
}

function upTo(max: number): uPlot.Range.MinMax {
  return [0, max > 0 ? max * 1.05 : 1];
}

/** A themed uPlot chart plus the series toggling the panel needs. */
export class StatsChart {
  readonly plot: uPlot;
  /** Settles once uPlot has drawn (it draws in a microtask after construction). */
  readonly drawn: Promise<void>;
  private syncing = false;

  constructor(target: HTMLElement, private readonly input: ChartInput) {
    const { palette } = input;
    const axis = (values: uPlot.Axis['values']): uPlot.Axis => ({
      stroke: palette.foreground,
      font: palette.font,
      grid: { stroke: palette.grid, width: 1 },
      ticks: { stroke: palette.grid, width: 1 },
      values,
    });
    let drawn = (): void => undefined;
    this.drawn = new Promise((resolve) => (drawn = resolve));
    const format = input.kind === 'rate' ? formatRate : (n: number | null): string => (n === null ? '–' : formatCount(n));
    this.plot = new uPlot(
      {
        width: input.width,
        height: CHART_HEIGHT,
        tzDate: utc,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => upTo(max) } },
        axes: [{ ...axis(timeTicks), incrs: TIME_INCRS.filter((i) => i >= FINEST[input.resolution]) }, { ...axis((_u, ticks) => ticks.map((v) => (input.kind === 'rate' ? `${v}%` : formatCompact(v)))), size: 56 }],
        plugins: input.plugins,
        legend: { live: true },
        cursor: { points: { size: 6 } },
        series: [
          { label: 'Time (UTC)', value: (_u, v) => (v === null ? '–' : formatBucket(v, input.resolution)) },
          ...input.lines.map((line) => ({
            label: line.label,
            show: !input.hidden.has(line.key),
            stroke: palette.series[line.key] ?? palette.foreground,
            width: palette.highContrast ? 2.5 : 1.5,
            dash: SERIES_STYLES[line.key]?.dash,
            spanGaps: false,
            value: (_u: uPlot, v: number | null) => format(v),
          })),
        ],
        hooks: {
          ready: [() => drawn()],
          setSeries: [
            (_u, index, opts) => {
              if (!this.syncing && index !== null && index > 0 && opts.show !== undefined) input.onToggle(input.lines[index - 1].key, opts.show);
            },
          ],
        },
      },
      [input.times, ...input.lines.map((l) => l.values)] as uPlot.AlignedData,
      target,
    );
  }

  /** Shows or hides a series without reporting it back as a legend click. */
  showSeries(key: string, shown: boolean): void {
    const index = this.input.lines.findIndex((l) => l.key === key);
    if (index < 0) return;
    this.syncing = true;
    this.plot.setSeries(index + 1, { show: shown });
    this.syncing = false;
  }

  setWidth(width: number): void {
    if (width > 0 && width !== this.plot.width) this.plot.setSize({ width, height: CHART_HEIGHT });
  }

  destroy(): void {
    this.plot.destroy();
  }
}
