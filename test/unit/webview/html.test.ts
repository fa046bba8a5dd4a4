import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calculatorHtml, contentSecurityPolicy, createNonce } from '../../../src/vscode/calculator/html';

const page = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123',
  script: 'https://x/dist/webview/webview.js',
  codicons: 'https://x/dist/webview/codicons/codicon.css',
  styles: ['https://x/dist/webview/katex/katex.min.css', 'https://x/media/calculator.css'],
  title: 'Loss Lens Calculator',
  loading: 'Loading <the> "calculator"',
  language: 'en',
};

describe('calculator page', () => {
  it('denies by default, runs only the nonce script, and allows no inline style or eval', () => {
    const csp = contentSecurityPolicy(page.cspSource, page.nonce);
    assert.equal(
      csp,
      "default-src 'none'; script-src 'nonce-abc123'; style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-abc123'; font-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net data:",
    );
    assert.doesNotMatch(csp, /unsafe/);
  });

  it('puts the nonce on every script and stylesheet and escapes text', () => {
    const html = calculatorHtml(page);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="abc123" src="https:\/\/x\/dist\/webview\/webview.js"/);
    const links = html.match(/<link[^>]*>/g) ?? [];
    assert.equal(links.length, 3);
    assert.ok(links.every((link) => link.includes('nonce="abc123"')));
    assert.match(html, /id="vscode-codicon-stylesheet"/);
    assert.match(html, /Loading &lt;the&gt; &quot;calculator&quot;/);
    assert.doesNotMatch(html, /style=/);
    assert.doesNotMatch(html, /<script>(?!<\/script>)/);
  });

  it('makes a fresh, unguessable nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    assert.equal(nonces.size, 50);
    assert.ok([...nonces].every((n) => /^[A-Za-z0-9_-]{24}$/.test(n)));
  });
});
