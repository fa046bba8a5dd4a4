/**
 * A call read from the user's code (src/code), as hover markdown and as an inlay hint: the value
 * the framework returns, printed the way it prints it, the call with every default filled in,
 * where each argument came from (the code or the default), the breakdown and its reduction.
 */
import type { CodeAnalysis, SiteResult } from '../code/analysis';
import type { Span } from '../code/syntax';
import { FRAMEWORK_NAMES } from '../engine/calls/types';
import { locate } from '../errors';
import { escapeMarkdown } from './markdown';
import { callMarkdownBreakdown } from './call';

export interface CodeSiteLabels {
  readonly returns: string;
  readonly float32: string;
  readonly float64: string;
  readonly fromCode: string;
  readonly fromDefault: string;
  readonly codeWins: string;
  readonly notResolved: string;
  /** `{0}`: the parameter, `{1}`: the reason. */
  readonly argumentNotResolved: string;
  readonly userFunction: string;
  readonly legacyPrint: string;
  /** `{0}`: the arguments taken from the debugged program. */
  readonly live: string;
}

export const ENGLISH_CODE_SITE_LABELS: CodeSiteLabels = {
  returns: 'returns',
  float32: 'computed in float32, as the framework does by default',
  float64: 'computed in float64: the inputs are float64 tensors',
  fromCode: 'line {0}',
  fromDefault: 'default',
  codeWins: 'Settings apply to bare literals; inside a call the code’s arguments and the framework’s defaults apply.',
  notResolved: 'Loss Lens cannot compute this call: {0}',
  argumentNotResolved: 'its argument {0}: {1}',
  userFunction: 'evaluated by following `{0}()` through its body',
  legacyPrint: '`print(x.eval())` in this TensorFlow 1 script, with the NumPy of its era (< 1.14):',
  live: '{0}: the live values of the stopped program (the text does not determine them)',
};

function place(text: string, span: Span): string {
  const { line, column } = locate(text, span.from);
  return `${line}:${column}`;
}

function fill(template: string, ...values: string[]): string {
  return values.reduce((out, value, i) => out.replace(`{${i}}`, value), template);
}

/** The hover for a recognised call. */
export function codeSiteMarkdown(analysis: CodeAnalysis, result: SiteResult, digits: number, labels: CodeSiteLabels = ENGLISH_CODE_SITE_LABELS): string {
  const text = analysis.text;
  const written = text.slice(result.site.call.span.from, result.site.call.span.to);
  const head = written.length > 80 ? `${written.slice(0, 77)}…` : written;
  switch (result.status) {
    case 'unresolved': {
      const why = result.argument ? fill(labels.argumentNotResolved, result.argument, result.reason) : result.reason;
      return `**Loss Lens** · \`${code(head)}\`\n\n$(info) ${escapeMarkdown(fill(labels.notResolved, why))} (${place(text, result.span)})`;
    }
    case 'error':
      return `**Loss Lens** · \`${code(head)}\`\n\n$(error) ${escapeMarkdown(result.message)} (${place(text, result.span)}; \`${result.code}\`)`;
    case 'value': {
      const name = result.site.call.callee.kind === 'name' ? result.site.call.callee.name : 'function';
      return [
        `**Loss Lens** · \`${code(head)}\` ${labels.returns}`,
        fence(result.printed),
        ...legacy(result.legacyPrinted, labels),
        `_${fill(labels.userFunction, name)}_`,
      ].join('\n\n');
    }
    case 'loss': {
      const { report, entry, origins } = result.evaluation;
      const sections = [
        `**Loss Lens** · [\`${entry.id}\`](${report.docs}) (${FRAMEWORK_NAMES[entry.framework]}) ${labels.returns}`,
        fence(result.printed),
        ...legacy(result.legacyPrinted, labels),
        ...(result.live && result.live.length > 0 ? [`$(debug) _${fill(labels.live, result.live.map((e) => `\`${code(e)}\``).join(', '))}_`] : []),
        `_${report.float32 ? labels.float32 : labels.float64}_`,
        fence(report.signature, 'python'),
      ];
      const rows = report.arguments.map((argument) => {
        const origin = origins.find((o) => o.parameter === argument.name);
        const from =
          origin?.source === 'code'
            ? fill(labels.fromCode, String(locate(text, (origin.binding ?? origin.span ?? result.site.call.span).from).line))
            : labels.fromDefault;
        return `| ${argument.name} | \`${code(argument.text)}\` | ${from} |`;
      });
      sections.push(['| | | |', '| --- | --- | --- |', ...rows].join('\n'));
      sections.push(callMarkdownBreakdown(report, digits, { maxRows: 12, maxColumns: 10 }));
      sections.push(`_${labels.codeWins}_`);
      return sections.filter((s) => s.length > 0).join('\n\n');
    }
  }
}

/** The inlay hint after a call: its value, short. */
export function inlayLabel(result: SiteResult, maxLength = 48): string | undefined {
  if (result.status !== 'loss') return undefined;
  const value = result.evaluation.report.value;
  const flat = result.printed.replace(/\s+/g, ' ').trim();
  if (value.shape.length === 0 || flat.length <= maxLength) return ` = ${flat.length <= maxLength ? flat : flat.slice(0, maxLength - 1) + '…'}`;
  return ` = ${flat.slice(0, maxLength - 1)}…`;
}

function legacy(printed: string | undefined, labels: CodeSiteLabels): string[] {
  return printed ? [`_${labels.legacyPrint}_`, fence(printed, 'numpy')] : [];
}

function fence(body: string, language = 'text'): string {
  return `\`\`\`${language}\n${body}\n\`\`\``;
}

function code(text: string): string {
  return text.replace(/`/g, "'").replace(/\s+/g, ' ');
}
