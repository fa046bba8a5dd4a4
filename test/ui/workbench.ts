// Drives the real VS Code web workbench the way a person does (keyboard, mouse, palette), for UI
// tests under test/ui/ and for benchmarks. One `Workbench` wraps one window of a harness session
// (scripts/vscode-test). Typical use in a node:test file:
//
//   const workbench = useWorkbench();
//   test('…', async () => {
//     const ui = workbench();
//     await ui.openFile('seed.py');
//     const text = await ui.hoverAt('[[0.7, 1.2, 0.3]', { offset: 1, match: /Loss Lens/ });
//     await ui.runCommand('Loss Lens: Evaluate Selection');
//     const panel = await ui.webview({ containing: 'Loss Lens' });
//     await ui.screenshot('seed-hover');
//   });
//
// Positions are found in the file's text on disk, so place the cursor before editing a buffer.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { launchVsCode, type VsCode, type VsCodeOptions } from '../../scripts/vscode-test/index';
import { screenshotDir } from '../../scripts/vscode-test/paths';

export type { VsCode, VsCodeOptions } from '../../scripts/vscode-test/index';

/** Starts one VS Code window for the enclosing node:test suite (or file) and stops it after. */
export function useWorkbench(options: VsCodeOptions = {}): () => Workbench {
  let workbench: Workbench | undefined;
  before(async () => {
    workbench = new Workbench(await launchVsCode(options));
  });
  after(async () => {
    await workbench?.vscode.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench is not started: call useWorkbench() at suite level');
    return workbench;
  };
}

export interface TextTarget {
  /** Which match of the text in the file (1-based). Default 1. */
  occurrence?: number;
  /** Characters from the start of the match. Default 0. */
  offset?: number;
}

export interface HoverOptions extends TextTarget {
  /** 'keyboard' = Ctrl+K Ctrl+I at the cursor (default); 'mouse' = pointer over the character. */
  via?: 'keyboard' | 'mouse';
  /** Wait until the hover text matches this; default: any text that is not a loading message. */
  match?: string | RegExp;
  timeoutMs?: number;
}

export type ThemeKind = 'light' | 'dark' | 'hc-dark' | 'hc-light';
const THEME_CLASS: Record<ThemeKind, string> = { light: 'vs', dark: 'vs-dark', 'hc-dark': 'hc-black', 'hc-light': 'hc-light' };

const ACTIVE_EDITOR = '.part.editor .editor-instance .monaco-editor.focused';
const VISIBLE_HOVER = '.monaco-hover:not(.hidden) .monaco-hover-content';
const QUICK_INPUT = '.quick-input-widget input';
const QUICK_ROWS = '.quick-input-list .monaco-list-row';
const CURSOR_STATUS = '[id="status.editor.selection"]';

export class Workbench {
  readonly page: Page;

  constructor(readonly vscode: VsCode) {
    this.page = vscode.page;
  }

  /**
   * Quick Open (Ctrl+P) a workspace-relative path; resolves when its editor has focus. Asks again
   * while Quick Open does not list it yet (its file list lags behind files created during a test).
   */
  async openFile(relativePath: string, timeoutMs = 20_000): Promise<void> {
    const name = relativePath.split('/').pop()!;
    const row = this.page.locator(`${QUICK_ROWS}[aria-label="${cssString(name)}"], ${QUICK_ROWS}[aria-label^="${cssString(name)}, "]`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.dismiss();
      await this.page.keyboard.press('Control+P');
      await this.page.locator(QUICK_INPUT).fill(relativePath);
      try {
        await row.first().click({ timeout: 2000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`Quick Open does not list ${relativePath}: ${String(error)}`);
      }
    }
    await this.page.locator(`${ACTIVE_EDITOR}[data-uri$="/${relativePath}"]`).waitFor();
  }

  /** Absolute path of the file in the focused editor. */
  async activeFile(): Promise<string> {
    const uri = await this.page.locator(ACTIVE_EDITOR).getAttribute('data-uri');
    if (!uri) throw new Error('no editor has focus');
    return decodeURIComponent(new URL(uri).pathname);
  }

  /** Puts the cursor at a text of the active file (Go to Line/Column); returns 1-based line/column. */
  async placeCursor(text: string, target: TextTarget = {}): Promise<{ line: number; column: number }> {
    const content = readFileSync(await this.activeFile(), 'utf8');
    let index = -1;
    for (let n = 0; n < (target.occurrence ?? 1); n++) {
      index = content.indexOf(text, index + 1);
      if (index < 0) throw new Error(`"${text}" #${n + 1} is not in ${await this.activeFile()}`);
    }
    const before = content.slice(0, index + (target.offset ?? 0));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    await this.dismiss();
    await this.page.keyboard.press('Control+G');
    await this.page.locator(QUICK_INPUT).fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator(CURSOR_STATUS, { hasText: new RegExp(`Ln ${line}, Col ${column}(?!\\d)`) }).waitFor();
    return { line, column };
  }

  /** Selects a text of the active file (cursor to its start, then Shift+Right over it). */
  async selectText(text: string, target: Omit<TextTarget, 'offset'> = {}): Promise<void> {
    await this.placeCursor(text, target);
    for (let i = 0; i < text.length; i++) await this.page.keyboard.press('Shift+ArrowRight');
    await this.page.locator(CURSOR_STATUS, { hasText: `(${text.length} selected)` }).waitFor();
  }

  /** Text of the lines currently rendered in the focused editor, top to bottom. */
  async visibleText(): Promise<string> {
    return this.page.locator(ACTIVE_EDITOR).evaluate((editor) =>
      [...editor.querySelectorAll<HTMLElement>('.view-lines .view-line')]
        .sort((a, b) => a.offsetTop - b.offsetTop)
        .map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' '))
        .join('\n'),
    );
  }

  /** Asks for the hover at the cursor once (keyboard), or points the mouse at the cursor's character. */
  async showHover(via: 'keyboard' | 'mouse' = 'keyboard'): Promise<void> {
    if (via === 'keyboard') {
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      return;
    }
    const cursor = await this.page.locator(`${ACTIVE_EDITOR} .cursors-layer .cursor`).first().boundingBox();
    if (!cursor) throw new Error('the editor cursor is not visible');
    await this.page.mouse.move(1, 1);
    await this.page.mouse.move(cursor.x + 4, cursor.y + cursor.height / 2, { steps: 2 });
  }

  /** Text of the visible editor hover (as rendered, one line per line) once it matches HoverOptions.match. */
  async readHover(match?: string | RegExp, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = (await this.page.locator(VISIBLE_HOVER).evaluateAll((parts) => parts.map((part) => (part as HTMLElement).innerText).join('\n'))).trim();
      if (hoverMatches(last, match)) return last;
      if (Date.now() > deadline) throw new Error(`no hover matching ${String(match ?? 'any text')}; last seen: ${JSON.stringify(last)}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Cursor to a text, show the hover and return its text, asking again while providers warm up. */
  async hoverAt(text: string, options: HoverOptions = {}): Promise<string> {
    const deadline = Date.now() + (options.timeoutMs ?? 20_000);
    await this.placeCursor(text, options);
    for (;;) {
      await this.showHover(options.via);
      try {
        return await this.readHover(options.match, 2000);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await this.closeHover();
      }
    }
  }

  /** Clicks a link of the visible hover by its text, as a person would with the mouse. */
  async clickHoverLink(name: string): Promise<void> {
    await this.page.locator(VISIBLE_HOVER).getByRole('link', { name, exact: true }).first().click();
  }

  async closeHover(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.mouse.move(1, 1);
  }

  /**
   * Runs a command from the palette (F1) by its exact title, e.g. 'Loss Lens: Evaluate Selection',
   * or by id. Asks again while the command is not listed yet (extensions still being scanned).
   */
  async runCommand(command: string | { id: string }, timeoutMs = 30_000): Promise<void> {
    const query = typeof command === 'string' ? command : command.id;
    const row =
      typeof command === 'string'
        ? this.page.locator(`${QUICK_ROWS}[aria-label="${cssString(command)}"], ${QUICK_ROWS}[aria-label^="${cssString(command)}, "]`)
        : this.page.locator(QUICK_ROWS).filter({ has: this.page.locator(`[data-quick-input-id="${cssString(command.id)}"]`) });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.dismiss();
      await this.page.keyboard.press('F1');
      await this.page.locator(QUICK_INPUT).fill(`>${query}`);
      try {
        await row.first().click({ timeout: 3000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`the palette does not list ${JSON.stringify(query)}: ${String(error)}`);
      }
    }
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Messages of the notification toasts on screen. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notification-toast .notification-list-item-message').allTextContents();
  }

  /** The content frame of a webview (panel or view) whose page text contains `containing`. */
  async webview({ containing = '', timeoutMs = 15_000 }: { containing?: string; timeoutMs?: number } = {}): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Each webview is an outer iframe (VS Code's host page) holding the extension's page in #active-frame.
      for (const frame of this.page.frames()) {
        if (!(await isActiveWebviewFrame(frame))) continue;
        const text = await frame
          .locator('body')
          .textContent({ timeout: 1000 })
          .catch(() => null);
        if (text !== null && text.includes(containing)) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no webview containing ${JSON.stringify(containing)}`);
      await this.page.waitForTimeout(200);
    }
  }

  /** Saves a PNG of the window under test-results/screenshots/ and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /**
   * Merges settings into the workspace's .vscode/settings.json, which the workbench applies live
   * (edits to the user settings file are only read at startup: see VsCodeOptions.userSettings).
   */
  setSettings(settings: Record<string, unknown>): void {
    if (!existsSync(this.vscode.workspace)) throw new Error('this VS Code session is already closed');
    const file = join(this.vscode.workspace, '.vscode', 'settings.json');
    mkdirSync(dirname(file), { recursive: true });
    const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2));
  }

  /** Switches `workbench.colorTheme` and waits until the workbench shows a theme of that kind. */
  async setColorTheme(theme: string, kind: ThemeKind): Promise<void> {
    this.setSettings({ 'workbench.colorTheme': theme });
    await this.page.waitForFunction((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls), THEME_CLASS[kind], { timeout: 15_000 });
  }

  /** Closes whatever quick input, hover or widget has the keyboard. */
  private async dismiss(): Promise<void> {
    if (await this.page.locator('.quick-input-widget').isVisible()) await this.page.keyboard.press('Escape');
  }
}

function hoverMatches(text: string, match: string | RegExp | undefined): boolean {
  if (match === undefined) return text !== '' && !/^\(?loading/i.test(text);
  return typeof match === 'string' ? text.includes(match) : match.test(text);
}

function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

async function isActiveWebviewFrame(frame: Frame): Promise<boolean> {
  const element = await frame.frameElement().catch(() => null);
  return (await element?.getAttribute('id')) === 'active-frame';
}
