// Debian's Chromium driven by playwright-core (which downloads no browser of its own), and the
// steps every test shares.
//
//   const browser = await launch();
//   const page = await signIn(browser, server.url, ico.users.board);

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { kRepository } from './continuum.mjs';

export const kResults = path.join(kRepository, 'web', 'test-results');

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

// The path of every request each page has sent, in order, from its first load.
const kRequests = new WeakMap();

// A fresh browser context (its own cookies), on the sign-in page.
export async function openApp(browser, url) {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const requests = [];
  kRequests.set(page, requests);
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto('/');
  return page;
}

// The paths `page` (opened by openApp) has asked the server for so far.
export function requestsOf(page) {
  return [...(kRequests.get(page) ?? [])];
}

export async function signIn(browser, url, user) {
  const page = await openApp(browser, url);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

// GET from the API inside the page, so the request carries the page's own session cookie.
export function apiGet(page, endpoint) {
  return page.evaluate(async (target) => {
    const response = await fetch(target, { credentials: 'same-origin' });
    const text = await response.text();
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, type: response.headers.get('content-type'), body };
  }, endpoint);
}

// POST JSON to the API inside the page, with the session's CSRF token, as the app sends it.
export function apiPost(page, endpoint, body) {
  return page.evaluate(
    async ({ target, payload }) => {
      const session = await (await fetch('/api/session', { credentials: 'same-origin' })).json();
      const response = await fetch(target, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
        body: JSON.stringify(payload),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    { target: endpoint, payload: body },
  );
}

export async function screenshot(page, name) {
  mkdirSync(kResults, { recursive: true });
  await page.screenshot({ path: path.join(kResults, `${name}.png`), fullPage: true });
}

// The names of the links in the page navigation.
export async function navigation(page) {
  return page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();
}
