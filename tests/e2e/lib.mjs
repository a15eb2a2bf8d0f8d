// Shared helpers of the end-to-end tests: ports, processes, the server, signed-in pages, the API,
// and waiting on output.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves when a TCP connection to the port succeeds; external programs give no other signal. */
export async function portOpen(port, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A child process whose output is kept, and can be awaited for a text. */
export class Proc {
  constructor(name, cmd, args, options = {}) {
    this.name = name;
    this.output = '';
    this.waiters = [];
    this.child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const onData = (chunk) => {
      this.output += chunk.toString();
      if (process.env.E2E_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
      this.waiters = this.waiters.filter((w) => !w.check());
    };
    this.child.stdout.on('data', onData);
    this.child.stderr.on('data', onData);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Resolves with the output once `pred(output)` holds; rejects after the timeout. */
  waitFor(pred, what, timeoutMs = 30000) {
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          if (!pred(this.output)) return false;
          clearTimeout(timer);
          resolve(this.output);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.name}: no ${what} within ${timeoutMs} ms. Output so far:\n${this.output.slice(-4000)}`));
      }, timeoutMs);
      if (!waiter.check()) this.waiters.push(waiter);
    });
  }

  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const t = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(t);
    }
  }
}

/** A small client of the Switchboard API. */
export function api(base, token) {
  async function call(method, url, body, expected) {
    const res = await fetch(base + url, {
      method,
      headers: { Authorization: token, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (expected !== undefined && res.status !== expected) {
      throw new Error(`${method} ${url}: expected ${expected}, got ${res.status}: ${text}`);
    }
    return text ? JSON.parse(text) : null;
  }
  return {
    get: (url) => call('GET', url, undefined, 200),
    post: (url, body, expected = 201) => call('POST', url, body, expected),
    put: (url, body, expected = 204) => call('PUT', url, body, expected),
    patch: (url, body, expected = 200) => call('PATCH', url, body, expected),
    del: (url, expected = 204) => call('DELETE', url, undefined, expected),
    /** A customer's chat; `extra` adds to the request (e.g. `{ queueId }`). */
    async inboundConversation(name, email, text, extra = {}) {
      const user = await call('POST', '/v1/endusers', { displayName: name, email }, 201);
      const created = await call('POST', '/v1/conversations', {
        requesterId: user.data.id,
        _type: 'Chat',
        message: { content: { value: text, _type: 'Text' }, _type: 'Inbound' },
        ...extra,
      }, 201);
      return created.data.id;
    },
  };
}

/** The manual clock of a server started with `--clock manual` (no auth needed). */
export function testClock(base) {
  async function call(method, body) {
    const res = await fetch(base + (body ? '/_clock/advance' : '/_clock'), {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${method} /_clock: ${res.status}: ${text}`);
    return JSON.parse(text).now;
  }
  return {
    now: () => call('GET'),
    /** Moves time on; due timers have fired when it resolves (with the new time). */
    advance: (seconds) => call('POST', { seconds }),
    /** Moves time on to an ISO instant. */
    async advanceTo(iso) {
      const seconds = Math.round((Date.parse(iso) - Date.parse(await call('GET'))) / 1000);
      if (seconds < 0) throw new Error(`the clock is past ${iso} already`);
      return call('POST', { seconds });
    },
  };
}

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

/** Runs a test body, timing it and printing the closing line the CI reads. */
export async function runTest(name, body) {
  const started = Date.now();
  try {
    await body();
    console.log(`${name}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`${name}: 1 passed, 0 failed`);
  } catch (e) {
    console.error(e);
    console.log(`${name}: 0 passed, 1 failed`);
    process.exitCode = 1;
  }
}

/**
 * Starts the headless server on a free port with a fresh data folder, the built UI and `token`
 * as its bootstrap token; `args` adds to `serve` (e.g. a manual clock). Resolves once it listens.
 */
export async function startServer(name, token, args = []) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sb-${name}-`));
  const port = await freePort();
  const server = new Proc('server', path.join(repo, 'target/debug/switchboard-server'),
    ['serve', '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`, ...args],
    { env: { ...process.env, SWITCHBOARD_BOOTSTRAP_TOKEN: token, SWITCHBOARD_UI_DIR: path.join(repo, 'ui/dist') } });
  await server.waitFor((o) => o.includes('Switchboard listening on'), 'listening line');
  return { server, base: `http://127.0.0.1:${port}`, dataDir };
}

/** Headless Chromium as every browser test runs it. */
export function launchChromium(chromium) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page signed in with an API token, its console errors collected in `errors`. `init` runs in
 * the page before its own scripts (stand-ins for notifications and sound).
 */
export async function signedInPage(browser, base, token, { viewport = { width: 1366, height: 768 }, init, timezoneId } = {}) {
  const context = await browser.newContext({ viewport, ...(timezoneId ? { timezoneId } : {}) });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(base);
  await page.getByTestId('signin-mode').click();
  await page.getByTestId('signin-token').fill(token);
  await page.getByTestId('signin-button').click();
  await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
  return { page, errors };
}
