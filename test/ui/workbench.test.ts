/// <reference lib="dom" />
// The browser test: NewsLens in code-server's workbench, used like a person would with
// playwright-core and Debian's chromium. Screenshots of each step go to test-output/screenshots/.
// Run by tools/test-host.ts (`npm test`), which passes its code-server in NEWSLENS_SERVER.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench, REPO, startServer, webExtensionCopy, workspaceCopy, type Server, type Workbench } from '../../tools/host';
import { ensureHost, type Host } from '../../tools/setup';

const SHOTS = join(REPO, 'test-output', 'screenshots');
const SEED = '000_8f484521c7ff1466.txt';

/** The code-server tools/test-host.ts passes in NEWSLENS_SERVER, or one of this file's own. */
async function serverFor(host: Host): Promise<{ server: Server; own: boolean }> {
  const given = process.env.NEWSLENS_SERVER;
  if (!given) return { server: await startServer(host), own: true };
  const { url, port, runDir } = JSON.parse(given) as { url: string; port: number; runDir: string };
  return { server: { url, port, runDir, output: () => '', stop: async () => undefined }, own: false };
}

describe('NewsLens in the workbench (code-server, chromium)', function () {
  this.timeout(120000);
  let host: Host;
  let server: Server;
  let ownServer = false;
  let workbench: Workbench;
  let page: Page;
  let step = 0;

  const shot = async (name: string): Promise<void> => {
    step++;
    await page.screenshot({ path: join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`) });
  };

  /**
   * What is drawn on the rendered text containing `needle`: the text span's own style (colour,
   * weight: a decoration's inline part) and the overlay boxes under it (backgrounds and borders
   * sit on `.view-overlays .cdr` elements, not on the text).
   */
  const drawnOn = (needle: string) =>
    page.evaluate((n) => {
      const out: { text: string; fontWeight: string; underlines: string[]; backgrounds: string[] }[] = [];
      const overlays = Array.from(document.querySelectorAll('.monaco-editor .view-overlays .cdr')).map((el) => ({
        rect: el.getBoundingClientRect(),
        style: getComputedStyle(el),
      }));
      // The editor cuts long runs of text into several spans at any character ("sustainab" +
      // "le"): find the needle in each rendered line's text, then take the spans it covers.
      for (const line of Array.from(document.querySelectorAll('.monaco-editor .view-line'))) {
        const spans = Array.from(line.querySelectorAll('span span'));
        const texts = spans.map((sp) => (sp.textContent ?? '').replace(/\u00a0/g, ' '));
        const whole = texts.join('');
        for (let at = whole.indexOf(n); at >= 0; at = whole.indexOf(n, at + 1)) {
          let offset = 0;
          spans.forEach((span, i) => {
            const start = offset;
            offset += texts[i]!.length;
            if (offset <= at || start >= at + n.length) return;
            const r = span.getBoundingClientRect();
            const under = overlays.filter(
              (o) => o.rect.left < r.right - 1 && o.rect.right > r.left + 1 && o.rect.top < r.bottom - 1 && o.rect.bottom > r.top + 1,
            );
            out.push({
              text: texts[i]!,
              fontWeight: getComputedStyle(span).fontWeight,
              underlines: under
                .filter((o) => o.style.borderBottomStyle !== 'none' && o.style.borderBottomWidth !== '0px')
                .map((o) => `${o.style.borderBottomStyle} ${o.style.borderBottomWidth}`),
              backgrounds: under.map((o) => o.style.backgroundColor).filter((c) => c !== 'rgba(0, 0, 0, 0)'),
            });
          });
        }
      }
      return out;
    }, needle);

  /** The middle of the first rendered occurrence of `needle`. */
  const pointAt = (needle: string) =>
    page.evaluate((n) => {
      for (const line of Array.from(document.querySelectorAll('.monaco-editor .view-line'))) {
        const spans = Array.from(line.querySelectorAll('span span'));
        const texts = spans.map((sp) => (sp.textContent ?? '').replace(/\u00a0/g, ' '));
        const at = texts.join('').indexOf(n);
        if (at < 0) continue;
        let offset = 0;
        for (let i = 0; i < spans.length; i++) {
          const end = offset + texts[i]!.length;
          if (end > at) {
            const r = spans[i]!.getBoundingClientRect();
            return { x: r.left + 2, y: r.top + r.height / 2 };
          }
          offset = end;
        }
      }
      return null;
    }, needle);

  const lavrovUnderlined = async (): Promise<boolean> => {
    const spans = (await drawnOn('Lavrov')).filter((s) => s.text.trim() === 'Lavrov');
    return spans.length > 0 && spans.every((s) => s.underlines.includes('solid 2px') && s.fontWeight === '600');
  };

  const until = async (what: string, test: () => Promise<boolean>, ms = 30000): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!(await test())) {
      if (Date.now() > deadline) {
        await shot(`failed-${what.replace(/\W+/g, '-')}`);
        throw new Error(`timed out after ${ms / 1000} s waiting until ${what}`);
      }
      await page.waitForTimeout(100); // polling the rendered page, not waiting for the extension
    }
  };

  const runCommand = async (title: string): Promise<void> => {
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await shot(`palette-${title.replace(/\W+/g, '-').toLowerCase()}`);
    await page.keyboard.press('Enter');
  };

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = ensureHost();
    ({ server, own: ownServer } = await serverFor(host));
    const folder = workspaceCopy(server.runDir, 'ui-workspace');
    workbench = await openWorkbench(host, server, { folder, development: true, openFile: join(folder, SEED) });
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
    if (ownServer) await server.stop();
  });

  it('opens the seed article and marks "Lavrov" as a speaker', async () => {
    await page.locator('.monaco-editor .view-line', { hasText: 'Turkey says it will intensify' }).first().waitFor({ timeout: 60000 });
    await shot('seed-article-opened');
    // The decorations arrive once the extension has analysed the article.
    await until('"Lavrov" is underlined as a speaker', lavrovUnderlined);
    await shot('seed-article-annotated');
    const lavrov = (await drawnOn('Lavrov')).filter((s) => s.text.trim() === 'Lavrov');
    assert.ok(lavrov.length >= 3, `every rendered "Lavrov": ${JSON.stringify(lavrov)}`);
  });

  it('marks a direct quote with the quote decoration, and reported speech differently', async () => {
    const direct = await drawnOn('We welcome Ankara');
    assert.ok(direct.length > 0, 'the quote is rendered');
    assert.ok(direct.every((s) => s.underlines.includes('solid 1px') && s.backgrounds.length > 0), JSON.stringify(direct));
    const reported = await drawnOn('will do their best for sustainable peace');
    assert.ok(reported.length > 0, 'the reported speech is rendered');
    assert.ok(reported.every((s) => s.underlines.includes('dashed 1px') && !s.underlines.includes('solid 1px')), JSON.stringify(reported));
  });

  it('hovers a quote and reads its speaker', async () => {
    const point = await pointAt('fulfill their obligations');
    assert.ok(point, 'the quote is on screen');
    await page.mouse.move(point.x + 20, point.y);
    const hover = page.locator('.monaco-hover', { hasText: 'Said by' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    await shot('hover-on-lavrov-quote');
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Direct quote/);
    assert.match(text, /Said by Sergei Lavrov/);
    await page.mouse.move(5, 5);
  });

  it('opens the NewsLens side bar and reads the Sources rows', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="NewsLens"], .activitybar .action-item[aria-label^="NewsLens"]').first().click();
    const rows = page.locator('.pane:has(.pane-header[aria-label^="Sources"]) .monaco-list-row');
    await rows.filter({ hasText: 'Sergei Lavrov' }).first().waitFor({ timeout: 20000 });
    await shot('sources-view');
    const labels = await rows.evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()));
    assert.ok(labels[0]!.startsWith('Mevlut Cavusoglu'), labels.join(' | '));
    assert.ok(labels.some((l) => l.startsWith('Sergei Lavrov')), labels.join(' | '));
  });

  it('clicking a quote in the Sources view selects it in the editor', async () => {
    const row = page.locator('.pane:has(.pane-header[aria-label^="Sources"]) .monaco-list-row', { hasText: 'We welcome Ankara' }).first();
    await row.click();
    // The status bar says how much is selected: the whole quote, marks included.
    const seed = readFileSync(join(REPO, 'seeds', SEED), 'utf8');
    const start = seed.indexOf('"We welcome Ankara');
    const length = seed.indexOf('obligations,"', start) + 'obligations,"'.length - start;
    await page.locator('.statusbar-item', { hasText: `(${length} selected)` }).first().waitFor({ timeout: 10000 });
    await shot('quote-selected-from-tree');
  });

  it('the Next Quote button of the editor title selects the next quote', async () => {
    const seed = readFileSync(join(REPO, 'seeds', SEED), 'utf8');
    // After Lavrov's quote comes Cavusoglu's reported "describing them as ..." clause.
    const next = 'them as illegitimate and against the country’s sovereign rights';
    assert.ok(seed.includes(next));
    await page.locator('.editor-actions .action-label[aria-label^="Next Quote"], .editor-actions a[aria-label^="NewsLens: Next Quote"]').first().click();
    await page.locator('.statusbar-item', { hasText: `(${next.length} selected)` }).first().waitFor({ timeout: 10000 });
    await shot('next-quote-from-title-bar');
  });

  it('runs "NewsLens: Toggle Annotations" from the command palette', async () => {
    await runCommand('NewsLens: Toggle Annotations');
    await until('no "Lavrov" is underlined', async () => {
      const spans = await drawnOn('Lavrov');
      return spans.length > 0 && spans.every((s) => s.underlines.length === 0);
    });
    await shot('annotations-hidden');
    await runCommand('NewsLens: Toggle Annotations');
    await until('"Lavrov" is underlined again', lavrovUnderlined);
    await shot('annotations-shown-again');
  });

  it('shows the counts in the status bar; clicking them shows the Sources view', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"], .activitybar .action-item[aria-label^="Explorer"]').first().click();
    await page.locator('.pane-header[aria-label^="Sources"]').waitFor({ state: 'hidden' });
    const item = page.locator('.statusbar-item', { hasText: /sources · \d+ quotes/ }).first();
    await item.waitFor({ timeout: 10000 });
    assert.match(await item.innerText(), /\d+ sources · \d+ quotes/);
    await item.click();
    await page.locator('.pane:has(.pane-header[aria-label^="Sources"]) .monaco-list-row', { hasText: 'Sergei Lavrov' }).first().waitFor();
    await shot('status-bar-opens-sources');
  });

  it('corrects a quote’s speaker from the command palette and a quick pick; the Sources view follows; undo', async () => {
    const rows = page.locator('.pane:has(.pane-header[aria-label^="Sources"]) .monaco-list-row');
    const rowTexts = async (): Promise<string[]> => rows.evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
    const hasRow = (pattern: RegExp) => async (): Promise<boolean> => (await rowTexts()).some((t) => pattern.test(t));
    // The seed's counts, as in README's table: Cavusoglu 4 direct, 10 reported; Lavrov 6 direct, 4 reported.
    await until('the Sources view shows Lavrov’s 6 direct quotes', hasRow(/^Sergei Lavrov.*6 direct, 4 reported/));
    // The cursor into Lavrov's quote "We welcome Ankara's desire … obligations,".
    const point = await pointAt('fulfill their obligations');
    assert.ok(point, 'the quote is on screen');
    await page.mouse.click(point.x + 20, point.y);
    await runCommand('NewsLens: Change Quote Speaker…');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Mevlut Cavusoglu' }).first().waitFor();
    await input.fill('Mevlut Cavusoglu');
    await shot('speaker-quick-pick');
    await page.keyboard.press('Enter');
    await until('the quote moved from Lavrov to Cavusoglu', async () => {
      const texts = await rowTexts();
      return texts.some((t) => /^Sergei Lavrov.*5 direct, 4 reported/.test(t)) && texts.some((t) => /^Mevlut Cavusoglu.*5 direct, 10 reported/.test(t));
    });
    // The cursor is still in the quote: reveal its row (the list only renders the rows in view).
    await runCommand('NewsLens: Reveal Quote in Sources');
    await until('the quote’s row says it was corrected by hand', hasRow(/We welcome Ankara.*corrected by hand/));
    await shot('speaker-corrected-in-sources');
    await runCommand('NewsLens: Undo Last Correction');
    await until('Lavrov has his quote back', hasRow(/^Sergei Lavrov.*6 direct, 4 reported/));
    await shot('speaker-correction-undone');
  });
});

describe('NewsLens as a web extension (dist/web/extension.js in the web worker extension host)', function () {
  this.timeout(120000);
  let server: Server;
  let ownServer = false;
  let workbench: Workbench;

  before(async () => {
    const host = ensureHost();
    ({ server, own: ownServer } = await serverFor(host));
    const folder = workspaceCopy(server.runDir, 'web-workspace');
    workbench = await openWorkbench(host, server, {
      folder,
      extensionPath: webExtensionCopy(server.runDir),
      openFile: join(folder, SEED),
    });
  });

  after(async () => {
    await workbench?.close();
    if (ownServer) await server.stop();
  });

  it('annotates the seed article and hovers a quote with its speaker', async () => {
    // The copy has no `main`: the only code that can run is the browser bundle, in the web worker.
    const page = workbench.page;
    await page.locator('.statusbar-item', { hasText: /sources · \d+ quotes/ }).first().waitFor({ timeout: 60000 });
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('.monaco-editor .view-line span span')).some(
        (s) => (s.textContent ?? '').trim() === 'Lavrov' && getComputedStyle(s).fontWeight === '600',
      ),
    );
    await page.screenshot({ path: join(SHOTS, 'web-1-seed-article-annotated.png') });
    const point = await page.evaluate(() => {
      for (const line of Array.from(document.querySelectorAll('.monaco-editor .view-line'))) {
        if (!(line.textContent ?? '').replace(/\u00a0/g, ' ').includes('fulfill their')) continue;
        const r = line.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      return null;
    });
    assert.ok(point, 'the quote is on screen');
    await page.mouse.move(point.x, point.y);
    const hover = page.locator('.monaco-hover', { hasText: 'Said by' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    await page.screenshot({ path: join(SHOTS, 'web-2-hover.png') });
    assert.match((await hover.innerText()).replace(/\s+/g, ' '), /Said by Sergei Lavrov/);
  });
});
