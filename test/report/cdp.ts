// A headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe): no browser download, no
// npm package, only the Debian chromium the CI installs. Enough of the protocol to load a page, hear its console and
// errors, evaluate an expression and print to PDF.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { findBrowser, headlessFlags } from '../../src/cli/report.js';

/** A page's tab: the target and the protocol's attachment to it. */
export interface Tab { targetId: string; sessionId: string }

interface Message { id?: number; method?: string; params?: any; result?: any; error?: { message: string }; sessionId?: string }

export class Browser {
  private next = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly listeners: ((m: Message) => void)[] = [];
  private buffer = '';

  private constructor(private readonly proc: ChildProcess, private readonly profile: string) {
    const input = proc.stdio[4] as Readable;
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
        const m = JSON.parse(this.buffer.slice(0, end)) as Message;
        this.buffer = this.buffer.slice(end + 1);
        if (m.id !== undefined) this.pending.get(m.id)?.(m);
        else for (const l of this.listeners) l(m);
      }
    });
  }

  static path(): string {
    const found = findBrowser(process.env.SCORECARD_CHROMIUM, process.env);
    if (!found) throw new Error('no Chromium found: install Debian\'s chromium (.ci/run does) or set SCORECARD_CHROMIUM');
    return found;
  }

  static async launch(): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), 'scorecard-chromium-'));
    const proc = spawn(Browser.path(), [...headlessFlags(profile), '--remote-debugging-pipe', 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    return new Browser(proc, profile);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<any> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (m) => {
        this.pending.delete(id);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result);
      });
      (this.proc.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Opens a page in a tab of its own and waits for its load event; returns the tab (to ask it more, then close it)
   * and what the page logged as errors. */
  async open(url: string): Promise<{ tab: Tab; errors: string[] }> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const errors: string[] = [];
    let loaded: () => void = () => {};
    const load = new Promise<void>((r) => { loaded = r; });
    this.listeners.push((m) => {
      if (m.sessionId !== sessionId) return;
      if (m.method === 'Runtime.consoleAPICalled' && (m.params.type === 'error' || m.params.type === 'warning')) errors.push(JSON.stringify(m.params.args));
      if (m.method === 'Runtime.exceptionThrown') errors.push(m.params.exceptionDetails.text);
      if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error') errors.push(m.params.entry.text);
      if (m.method === 'Page.loadEventFired') loaded();
    });
    await this.send('Page.enable', {}, sessionId);
    await this.send('Runtime.enable', {}, sessionId);
    await this.send('Log.enable', {}, sessionId);
    await this.send('Page.navigate', { url }, sessionId);
    await load;
    return { tab: { sessionId, targetId }, errors };
  }

  async evaluate(tab: Tab, expression: string): Promise<any> {
    const r = await this.send('Runtime.evaluate', { expression, returnByValue: true }, tab.sessionId);
    return r.result.value;
  }

  /** The page printed as Chromium prints it (A4 by the page's own @page rule), as PDF bytes. */
  async pdf(tab: Tab): Promise<Buffer> {
    const r = await this.send('Page.printToPDF', {
      preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, paperWidth: 8.27, paperHeight: 11.69,
      marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0,
    }, tab.sessionId);
    return Buffer.from(r.data, 'base64');
  }

  async closeTab(tab: Tab): Promise<void> {
    await this.send('Target.closeTarget', { targetId: tab.targetId });
  }

  async close(): Promise<void> {
    await this.send('Browser.close').catch(() => {});
    await new Promise((r) => { if (this.proc.exitCode !== null) r(null); else this.proc.once('exit', r); });
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** Pages of a PDF (its page objects). */
export function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
