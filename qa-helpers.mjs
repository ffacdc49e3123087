import { chromium, devices } from '@playwright/test';
export const BASE = 'http://localhost:4311';
export async function setup({ mobile = false, locale = 'en-GB', storageState } = {}) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const ctxOpts = mobile ? { ...devices['Pixel 7'], locale } : { viewport: { width: 1280, height: 900 }, locale };
  if (storageState) ctxOpts.storageState = storageState;
  ctxOpts.acceptDownloads = true;
  const context = await browser.newContext(ctxOpts);
  const page = await context.newPage();
  const logs = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') logs.push(`[${m.type()}] ${page.url()} :: ${m.text()}`); });
  page.on('pageerror', (e) => logs.push(`[pageerror] ${page.url()} :: ${e.message}`));
  page.on('requestfailed', (r) => logs.push(`[reqfail] ${r.url()} ${r.failure()?.errorText}`));
  return { browser, context, page, logs };
}
export async function overflow(page) {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > w) out.push(`doc scrollWidth ${document.documentElement.scrollWidth} > ${w}`);
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width && r.right > w + 1) {
        // skip if inside scroll container
        let p = el.parentElement, clipped = false;
        while (p) { const s = getComputedStyle(p); if (/(auto|scroll|hidden)/.test(s.overflowX)) { clipped = true; break; } p = p.parentElement; }
        if (!clipped) out.push(`${el.tagName}.${el.className} right=${Math.round(r.right)} text=${(el.textContent||'').slice(0,40)}`);
      }
    }
    return out.slice(0, 10);
  });
}
export async function a11yNames(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('a, button, input, select, textarea, [role=button]')) {
      if (el.type === 'hidden') continue;
      const name = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.labels && el.labels.length && el.labels[0].textContent) || el.textContent?.trim() || el.getAttribute('title') || el.getAttribute('alt') || el.querySelector('img[alt]')?.alt;
      if (!name) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  });
}
