// Desktop end-to-end test: the real `switchboard` binary in a window under Xvfb, driven by
// tauri-driver. A conversation created through its loopback API appears in the window; a real
// notification daemon (dunst) on this private session bus receives the notification; the chime's
// samples reach an ALSA file sink and are not silent.
//
// Run inside `dbus-run-session -- xvfb-run -a node desktop.mjs` (cargo xtask test does).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { api, assert, freePort, portOpen, Proc, repo, runTest } from './lib.mjs';

const TOKEN = 'e2e-desktop-token';

async function webdriver(base, method, url, body) {
  const res = await fetch(base + url, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`WebDriver ${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json.value;
}

function tauriDriverPath() {
  const candidates = [process.env.TAURI_DRIVER, path.join(os.homedir(), '.cargo/bin/tauri-driver'),
    process.env.CARGO_HOME && path.join(process.env.CARGO_HOME, 'bin/tauri-driver')].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p)) || 'tauri-driver';
}

await runTest('desktop e2e', async () => {
  assert(process.env.DISPLAY, 'a display (run under xvfb-run)');
  assert(process.env.DBUS_SESSION_BUS_ADDRESS, 'a private session bus (run under dbus-run-session)');
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-desktop-'));
  const soundFile = path.join(home, 'sound.raw');
  // ALSA's default device writes what it is given to a file instead of a sound card.
  fs.writeFileSync(path.join(home, '.asoundrc'),
    `pcm.!default { type file; slave.pcm "null"; file "${soundFile}"; format "raw" }\n`);
  const apiPort = await freePort();
  const driverPort = await freePort();
  const nativePort = await freePort();
  const env = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    SWITCHBOARD_DATA_DIR: path.join(home, 'switchboard'),
    SWITCHBOARD_PORT: String(apiPort),
    SWITCHBOARD_BOOTSTRAP_TOKEN: TOKEN,
    RUST_LOG: 'info,sqlx=warn',
  };
  const procs = [];
  let session;
  const driverBase = `http://127.0.0.1:${driverPort}`;
  try {
    const monitor = new Proc('dbus-monitor', 'dbus-monitor', ["interface='org.freedesktop.Notifications'"], { env });
    procs.push(monitor);
    await monitor.waitFor((o) => o.includes('NameAcquired') || o.includes('signal'), 'monitor start', 10000).catch(() => {});
    const dunst = new Proc('dunst', 'dunst', [], { env });
    procs.push(dunst);
    const driver = new Proc('tauri-driver', tauriDriverPath(),
      ['--port', String(driverPort), '--native-port', String(nativePort)], { env });
    procs.push(driver);
    await portOpen(driverPort, 'tauri-driver');
    await portOpen(nativePort, 'WebKitWebDriver');

    const started = Date.now();
    session = (await webdriver(driverBase, 'POST', '/session', {
      capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: path.join(repo, 'target/debug/switchboard') } } },
    })).sessionId;
    await portOpen(apiPort, 'the app\'s loopback API');
    console.log(`window and API up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await webdriver(driverBase, 'POST', `/session/${session}/timeouts`, { implicit: 15000 });
    const find = async (xpath) => {
      const el = await webdriver(driverBase, 'POST', `/session/${session}/element`, { using: 'xpath', value: xpath });
      return Object.values(el)[0];
    };
    const click = async (xpath) => webdriver(driverBase, 'POST', `/session/${session}/element/${await find(xpath)}/click`, {});

    // The window signs in by itself with the token the shell gave it.
    await find("//*[@data-testid='connection-state' and @data-state='connected']");
    await click("//*[@data-testid='tab-all']");

    const client = api(`http://127.0.0.1:${apiPort}`, TOKEN);
    const call = async (method, url, body) => {
      const res = await fetch(`http://127.0.0.1:${apiPort}${url}`,
        { method, headers: { Authorization: TOKEN, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const id = await client.inboundConversation('Ann Lee', 'ann@example.com', "My order hasn't shipped");
    // The row appears live; the customer's name follows with its end-user lookup.
    // (WebKit's element text skips ellipsized spans, so the match is on the DOM's text instead.)
    await find(`//*[@data-testid='inbox-row' and @data-conversation-id='${id}' and contains(., 'Ann Lee')]`);

    const notified = await monitor.waitFor(
      (o) => o.includes('New conversation in Default') && o.includes("Ann Lee: My order hasn't shipped"),
      'Notify call with the conversation', 20000);
    assert(/string "Switchboard"/.test(notified), 'the notification names the app');
    assert(!/no desktop notification/.test(driver.output), 'the app reported no notification failure');

    await driver.waitFor((o) => o.includes('chime played'), 'the chime', 20000);
    const samples = fs.readFileSync(soundFile);
    let nonZero = 0;
    let energy = 0;
    for (let i = 0; i + 1 < samples.length; i += 2) {
      const s = samples.readInt16LE(i);
      if (s !== 0) nonZero += 1;
      energy += s * s;
    }
    const rms = Math.sqrt(energy / Math.max(1, samples.length / 2));
    console.log(`sound: ${samples.length} bytes, ${nonZero} non-zero samples, rms ${rms.toFixed(0)}`);
    assert(samples.length > 4000, `the chime reached the sink (${samples.length} bytes)`);
    assert(nonZero > 1000 && rms > 100, 'the chime is not silent');

    // A customer's message in a conversation assigned to the agent alerts them too.
    const me = (await client.get('/v1/me')).data;
    await client.put(`/v1/conversations/${id}/claim`, { agentId: me.id });
    await client.post(`/v1/conversations/${id}/messages`,
      { content: { value: 'Any news about my order?', _type: 'Text' }, _type: 'Inbound' }, 200);
    await monitor.waitFor((o) => o.includes('New message from Ann Lee') && o.includes('Any news about my order?'),
      'Notify call for the new message', 20000);

    // Each queue switches its alerts: a queue with new-conversation alerts off stays quiet. Alerts
    // are decided in event order, so once the later conversation's alert is seen, the quiet one's
    // decision has been made.
    const quiet = (await client.post('/v1/queues', { name: 'Quiet' })).data.id;
    await call('PATCH', `/v1/queues/${quiet}/members`, { agentIds: [me.id] });
    await call('PATCH', `/v1/queues/${quiet}`, { notifications: { newConversation: false } });
    const quietUser = (await client.post('/v1/endusers', { displayName: 'Quiet Person' })).data.id;
    await client.post('/v1/conversations', { requesterId: quietUser, queueId: quiet, _type: 'Chat',
      message: { content: { value: 'psst', _type: 'Text' }, _type: 'Inbound' } });
    await client.inboundConversation('Loud Person', 'loud@example.com', 'Hello there!');
    const after = await monitor.waitFor((o) => o.includes('Loud Person: Hello there!'), 'the later alert', 20000);
    assert(!after.includes('Quiet Person'), 'the quiet queue raised no notification');

    const png = await webdriver(driverBase, 'GET', `/session/${session}/screenshot`);
    fs.writeFileSync(path.join(repo, 'tests/e2e/artifacts-desktop.png'), Buffer.from(png, 'base64'));
  } finally {
    if (session) await webdriver(driverBase, 'DELETE', `/session/${session}`).catch(() => {});
    for (const p of procs.reverse()) await p.stop();
    try { fs.rmSync(home, { recursive: true, force: true, maxRetries: 5 }); } catch (e) { console.warn(`could not remove ${home}: ${e.message}`); }
  }
});

// Without a notification daemon (no session bus at all) and without a sound device, the app
// logs both and goes on serving.
await runTest('desktop e2e without notification daemon or sound card', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-desktop-bare-'));
  fs.writeFileSync(path.join(home, '.asoundrc'), 'pcm.!default { type hw; card 99 }\n');
  const apiPort = await freePort();
  const app = new Proc('switchboard', path.join(repo, 'target/debug/switchboard'), [], {
    env: {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(home, 'no-bus')}`,
      SWITCHBOARD_DATA_DIR: path.join(home, 'switchboard'),
      SWITCHBOARD_PORT: String(apiPort),
      SWITCHBOARD_BOOTSTRAP_TOKEN: TOKEN,
      RUST_LOG: 'info,sqlx=warn',
    },
  });
  try {
    await app.waitFor((o) => o.includes('Switchboard API on'), 'the API line');
    const client = api(`http://127.0.0.1:${apiPort}`, TOKEN);
    const call = async (method, url, body) => {
      const res = await fetch(`http://127.0.0.1:${apiPort}${url}`,
        { method, headers: { Authorization: TOKEN, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const id = await client.inboundConversation('Ann Lee', 'ann@example.com', 'Hello?');
    await app.waitFor((o) => o.includes('no desktop notification'), 'the logged notification failure', 20000);
    await app.waitFor((o) => o.includes('no sound played'), 'the logged sound failure', 20000);
    const c = await client.get(`/v1/conversations/${id}`);
    assert(c.data.id === id, 'the app still answers');
    assert(app.child.exitCode === null, 'the app is still running');
  } finally {
    await app.stop();
    try { fs.rmSync(home, { recursive: true, force: true, maxRetries: 5 }); } catch (e) { console.warn(`could not remove ${home}: ${e.message}`); }
  }
});
