// A uPlot plugin that draws send alerts' thresholds as dashed horizontal lines with their label, in the colour of the
// series they watch, and widens the y range so a threshold above the data stays in view.
import type uPlot from 'uplot';
import type { Threshold } from '../protocol';

export function thresholdPlugin(thresholds: readonly Threshold[], colorOf: (key: string) => string, font: string): uPlot.Plugin {
  return {
    opts: (_u, opts) => {
      const range = opts.scales?.y?.range;
      if (typeof range !== 'function') return;
      const top = Math.max(...thresholds.map((t) => t.value));
      opts.scales!.y.range = (u, min, max, scale) => range(u, min, Math.max(max, top), scale);
    },
    hooks: {
      draw: [
        (u) => {
          const { ctx, bbox } = u;
          const ratio = window.devicePixelRatio || 1;
          ctx.save();
          ctx.font = font.replace(/(\d+(\.\d+)?)px/, (_m, px: string) => `${Number(px) * ratio}px`);
          ctx.lineWidth = ratio;
          ctx.setLineDash([4 * ratio, 4 * ratio]);
          thresholds.forEach((t, i) => {
            const y = Math.round(u.valToPos(t.value, 'y', true));
            if (y < bbox.top || y > bbox.top + bbox.height) return;
            ctx.strokeStyle = ctx.fillStyle = colorOf(t.key);
            ctx.beginPath();
            ctx.moveTo(bbox.left, y);
            ctx.lineTo(bbox.left + bbox.width, y);
            ctx.stroke();
            ctx.textAlign = 'right';
            ctx.textBaseline = i % 2 === 0 ? 'bottom' : 'top';
            ctx.fillText(t.label, bbox.left + bbox.width - 4 * ratio, y + (i % 2 === 0 ? -2 : 2) * ratio);
          });
          ctx.restore();
        },
      ],
    },
  };
}
