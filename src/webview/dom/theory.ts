/** The theory tabs: entropy / cross-entropy / KL of two distributions, and Bernoulli likelihood. */
import uPlot from 'uplot';
import type { InputProblem, PlainDistributionReport, PlainLikelihoodReport } from '../../vscode/calculator/protocol';
import type { CalculatorStrings } from '../../vscode/calculator/strings';
import { likelihoodSeries } from '../chartData';
import { short } from '../format';
import { buildDistributionsView, buildLikelihoodView, type Figure } from '../viewModel';
import type { HeatPalette } from '../colors';
import { renderDiagnostics } from './diagnostics';
import { h, replaceChildren } from './h';
import { renderHeatmap } from './heatmap';
import { LiteralInput } from './literalInput';
import { math } from './math';
import { themeColor } from './theme';
import { fill } from '../text';

function figureList(figures: readonly Figure[]): HTMLElement {
  const list = h('dl', { class: 'figures' });
  for (const f of figures) list.append(h('dt', {}, f.label), h('dd', { title: f.title }, f.text));
  return list;
}

export class DistributionsTab {
  readonly element: HTMLElement;
  readonly p: LiteralInput;
  readonly q: LiteralInput;
  private readonly results: HTMLElement;

  constructor(
    private readonly strings: CalculatorStrings,
    onInput: () => void,
  ) {
    this.p = new LiteralInput({ id: 'distribution-p', label: strings.distributionP, help: strings.distributionPHelp, rows: 2 }, strings, onInput);
    this.q = new LiteralInput({ id: 'distribution-q', label: strings.distributionQ, help: strings.distributionQHelp, rows: 2 }, strings, onInput);
    this.results = h('div', { class: 'theory-results', 'aria-live': 'polite' });
    this.element = h(
      'div',
      { class: 'tab-body distributions' },
      h('h2', {}, strings.distributionsHeading),
      h('div', { class: 'theory-inputs' }, this.p.element, this.q.element),
      this.results,
    );
  }

  showProblems(problems: readonly InputProblem[]): void {
    this.p.showProblem(problems.find((p) => p.input === 'p'));
    this.q.showProblem(problems.find((p) => p.input === 'q'));
  }

  show(report: PlainDistributionReport, palette: HeatPalette, digits: number): void {
    this.showProblems([]);
    const view = buildDistributionsView(report, this.strings, digits);
    const identity = `H(p, q) = H(p) + \\mathrm{KL}(p \\,\\|\\, q) = ${short(report.entropy, digits)} + ${short(report.klDivergence, digits)}`;
    replaceChildren(
      this.results,
      figureList(view.figures),
      math(identity, true, (tex) => fill(this.strings.mathFallback, tex)),
      renderHeatmap(view.table, palette, { onSelect: () => undefined }, undefined),
      renderDiagnostics(view.diagnostics, this.strings),
    );
  }
}

const CHART_HEIGHT = 280;

export class LikelihoodTab {
  readonly element: HTMLElement;
  readonly outcomes: LiteralInput;
  readonly theta: LiteralInput;
  private readonly figures: HTMLElement;
  private readonly chartBox: HTMLElement;
  private plot: uPlot | undefined;
  private lastReport: PlainLikelihoodReport | undefined;

  constructor(
    private readonly strings: CalculatorStrings,
    onInput: () => void,
  ) {
    this.outcomes = new LiteralInput({ id: 'likelihood-outcomes', label: strings.outcomes, help: strings.outcomesHelp, rows: 2 }, strings, onInput);
    this.theta = new LiteralInput({ id: 'likelihood-theta', label: strings.theta, help: strings.thetaHelp, rows: 1 }, strings, onInput);
    this.figures = h('div', { 'aria-live': 'polite' });
    this.chartBox = h('figure', { class: 'chart', role: 'group', 'aria-label': strings.chartLabel });
    this.element = h(
      'div',
      { class: 'tab-body likelihood' },
      h('h2', {}, strings.likelihoodHeading),
      h('div', { class: 'theory-inputs' }, this.outcomes.element, this.theta.element),
      h('div', { class: 'likelihood-results' }, this.figures, this.chartBox),
    );
    new ResizeObserver(() => {
      const width = this.chartWidth();
      if (this.plot && width > 0 && Math.abs(this.plot.width - width) > 1) this.plot.setSize({ width, height: CHART_HEIGHT });
    }).observe(this.element);
  }

  private chartWidth(): number {
    return Math.min(760, Math.max(0, this.chartBox.clientWidth));
  }

  showProblems(problems: readonly InputProblem[]): void {
    this.outcomes.showProblem(problems.find((p) => p.input === 'outcomes'));
    this.theta.showProblem(problems.find((p) => p.input === 'theta'));
  }

  show(report: PlainLikelihoodReport, digits: number): void {
    this.showProblems([]);
    this.lastReport = report;
    const view = buildLikelihoodView(report, this.strings, digits);
    replaceChildren(this.figures, figureList(view.figures), renderDiagnostics(view.diagnostics, this.strings));
    this.drawChart(report);
  }

  /** Theme colours live in the chart's options, so a theme change redraws it. */
  redraw(): void {
    if (this.lastReport) this.drawChart(this.lastReport);
  }

  private drawChart(report: PlainLikelihoodReport): void {
    const series = likelihoodSeries(report);
    const foreground = themeColor('--vscode-foreground', '#888');
    const grid = themeColor('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
    const axis = (label: string): uPlot.Axis => ({
      label,
      stroke: foreground,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      font: `12px ${themeColor('--vscode-font-family', 'sans-serif')}`,
      labelFont: `12px ${themeColor('--vscode-font-family', 'sans-serif')}`,
    });
    // θ̂ drawn larger than θ, so both stay visible when the user picks θ = θ̂.
    const marker = (label: string, color: string, size: number): uPlot.Series => ({
      label,
      stroke: color,
      fill: color,
      width: 0,
      paths: () => null,
      points: { show: true, size, stroke: color, fill: color },
    });
    const options: uPlot.Options = {
      width: this.chartWidth() || 600,
      height: CHART_HEIGHT,
      scales: { x: { time: false, range: [0, 1] } },
      axes: [axis(this.strings.theta), axis(this.strings.chartCurve)],
      series: [
        { label: this.strings.theta },
        { label: this.strings.chartCurve, stroke: themeColor('--vscode-charts-blue', '#3794ff'), width: 2, spanGaps: true, points: { show: false } },
        marker(this.strings.chartMle, themeColor('--vscode-charts-red', '#f14c4c'), 14),
        marker(this.strings.chartTheta, themeColor('--vscode-charts-orange', '#d18616'), 8),
      ],
      legend: { show: true },
    };
    this.plot?.destroy();
    this.plot = new uPlot(options, [series.x, series.curve, series.mle, series.theta] as uPlot.AlignedData, this.chartBox);
  }
}
