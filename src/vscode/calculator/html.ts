/**
 * The calculator page. Everything it loads comes from the extension's own folders through
 * `asWebviewUri`; the CSP denies everything else, runs only the nonce'd bundle, and allows
 * no inline style attributes or eval (KaTeX and uPlot set styles through CSSOM, which CSP
 * permits). No vscode import, so the policy is unit-tested.
 */
import { randomBytes } from 'node:crypto';

export interface PageResources {
  /** `webview.cspSource` */
  readonly cspSource: string;
  readonly nonce: string;
  readonly script: string;
  /** Stylesheets in load order; the codicons one is found by vscode-elements through its id. */
  readonly codicons: string;
  readonly styles: readonly string[];
  readonly title: string;
  readonly loading: string;
  readonly language: string;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function calculatorHtml(page: PageResources): string {
  const a = escapeAttribute;
  const nonce = a(page.nonce);
  const links = page.styles.map((href) => `    <link rel="stylesheet" nonce="${nonce}" href="${a(href)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="${a(page.language)}">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(page.cspSource, page.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${a(page.title)}</title>
    <link rel="stylesheet" nonce="${nonce}" id="vscode-codicon-stylesheet" href="${a(page.codicons)}">
${links}
  </head>
  <body>
    <main id="app" aria-busy="true"><p class="loading">${a(page.loading)}</p></main>
    <script nonce="${nonce}" src="${a(page.script)}"></script>
  </body>
</html>
`;
}
