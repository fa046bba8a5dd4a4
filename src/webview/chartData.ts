/**
 * Series for the likelihood plot (uPlot's aligned-columns layout): the log-likelihood curve,
 * plus θ̂ and the chosen θ as single points placed on the curve.
 */
import type { PlainLikelihoodReport } from '../vscode/calculator/protocol';

export interface LikelihoodSeries {
  readonly x: number[];
  readonly curve: (number | null)[];
  readonly mle: (number | null)[];
  readonly theta: (number | null)[];
}

/** y of the curve at `x` by linear interpolation between grid points (for placing a marker). */
function interpolate(xs: readonly number[], ys: readonly (number | null)[], x: number): number | null {
  for (let i = 1; i < xs.length; i++) {
    if (xs[i] >= x) {
      const [x0, x1, y0, y1] = [xs[i - 1], xs[i], ys[i - 1], ys[i]];
      if (y0 === null || y1 === null) return y0 ?? y1;
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return null;
}

export function likelihoodSeries(report: PlainLikelihoodReport): LikelihoodSeries {
  const xs = [...report.curve.theta];
  const ys: (number | null)[] = report.curve.logLikelihood.map((y) => (Number.isFinite(y) ? y : null));
  const markers: { x: number; y: number | null; series: 'mle' | 'theta' }[] = [];
  if (Number.isFinite(report.mle)) {
    markers.push({ x: report.mle, y: Number.isFinite(report.logLikelihood) ? report.logLikelihood : null, series: 'mle' });
  }
  if (report.theta !== undefined && Number.isFinite(report.theta)) {
    markers.push({ x: report.theta, y: interpolate(xs, ys, report.theta), series: 'theta' });
  }
  const points = xs.map((x, i) => ({ x, y: ys[i], mle: null as number | null, theta: null as number | null }));
  for (const marker of markers) {
    const existing = points.find((p) => p.x === marker.x);
    const point = existing ?? { x: marker.x, y: marker.y, mle: null, theta: null };
    if (!existing) points.push(point);
    point[marker.series] = marker.y ?? point.y;
  }
  points.sort((a, b) => a.x - b.x);
  return {
    x: points.map((p) => p.x),
    curve: points.map((p) => p.y),
    mle: points.map((p) => p.mle),
    theta: points.map((p) => p.theta),
  };
}
