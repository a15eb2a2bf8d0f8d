// Browser end-to-end test of alerts: an agent turns notifications on from the banner; a customer's
// new conversation in her queue and a customer's message in her conversation raise a notification,
// the new-work sound, the unread count in the title and an unread mark on the row until opened;
// her own reply raises nothing; her mute (account page) silences the sound only; an unnamed
// attachment stays inside its bubble.
import { chromium } from 'playwright-core';
import os from 'node:os';
import path from 'node:path';
import { api, assert, launchChromium, repo, runTest, startServer } from './lib.mjs';

const TOKEN = 'e2e-alerts-token';

// Records what the page would show and play: the browser's notification and audio stand-ins.
const RECORDER = () => {
  window.__notes = [];
  window.__sounds = [];
  class RecordingNotification {
    static permission = 'default';
    static async requestPermission() {
      RecordingNotification.permission = 'granted';
      return 'granted';
    }
    constructor(title, options) {
      window.__notes.push({ title, body: options?.body ?? '' });
    }
    close() {}
  }
  window.Notification = RecordingNotification;
  HTMLMediaElement.prototype.play = function play() {
    window.__sounds.push(this.src);
    return Promise.resolve();
  };
};

await runTest('browser alerts e2e', async () => {
  const { server, base } = await startServer('alerts', TOKEN);
  let browser;
  try {
    const admin = api(base, TOKEN);
    const dana = (await admin.post('/v1/agents', { displayName: 'Dana Reed', email: 'dana@example.com' })).data.id;
    const danaToken = (await admin.post(`/v1/agents/${dana}/tokens`, { name: 'e2e' })).data.token;
    const queues = (await admin.get('/v1/queues')).data;
    const queue = queues.find((q) => q.name === 'Default').id;
    await admin.patch(`/v1/queues/${queue}/members`, { agentIds: [dana] });

    browser = await launchChromium(chromium);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(RECORDER);
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(base);
    await page.getByTestId('signin-mode').click();
    await page.getByTestId('signin-token').fill(danaToken);
    await page.getByTestId('signin-button').click();
    await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor();
    await page.getByTestId('tab-all').click();

    // Permission is asked from the banner's button, not on load.
    assert(await page.evaluate(() => Notification.permission) === 'default', 'nothing asked on load');
    await page.getByTestId('notify-enable').click();
    await page.getByTestId('notify-banner').waitFor({ state: 'detached' });
    assert(await page.evaluate(() => Notification.permission) === 'granted', 'the button asked');

    // A customer's new conversation in her queue.
    const id = await admin.inboundConversation('Ann Lee', 'ann@example.com', 'My order is late');
    await page.waitForFunction(() => window.__notes.length === 1);
    const notes = await page.evaluate(() => window.__notes);
    assert(notes[0].title === 'New conversation in Default' && notes[0].body === 'Ann Lee: My order is late',
      `the notification: ${JSON.stringify(notes)}`);
    const sounds = await page.evaluate(() => window.__sounds);
    assert(sounds.length === 1 && sounds[0].endsWith('/sounds/new-work.wav'), `the sound: ${JSON.stringify(sounds)}`);
    const row = page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`);
    await row.and(page.locator('[data-unread="true"]')).waitFor();
    await page.waitForFunction(() => document.title.startsWith('(1) '));
    const icon = await page.evaluate(() => decodeURIComponent(document.querySelector('link[rel="icon"]').href));
    assert(icon.includes('>1</text>'), 'the favicon carries the count');

    // Opening it reads it.
    await row.click();
    await page.waitForFunction(() => !document.title.startsWith('('));
    assert(await row.getAttribute('data-unread') === null, 'the row is no longer unread');
    // A chat without a subject is headed by its customer and channel.
    await page.locator('[data-testid="conversation-title"]', { hasText: 'Ann Lee · Chat widget' }).waitFor();

    // Her own reply raises nothing; the customer's answer does (events come in order, so once the
    // answer's notification is there, the reply's would have been too).
    const busy = (await admin.get('/v1/agent-statuses')).data.find((st) => st.name === 'Busy').id;
    await admin.put(`/v1/agents/${dana}/status`, { statusId: busy }, 200);
    // She takes it herself (someone else handing it to her would alert her).
    await api(base, danaToken).put(`/v1/conversations/${id}/claim`, { agentId: dana });
    await api(base, danaToken).post(`/v1/conversations/${id}/messages`,
      { content: { value: 'Checking now', _type: 'Text' }, _type: 'Outbound', agentId: dana }, 200);
    await admin.post(`/v1/conversations/${id}/messages`,
      { content: { value: 'Thanks!', _type: 'Text' }, _type: 'Inbound' }, 200);
    await page.waitForFunction(() => window.__notes.length >= 2);
    const after = await page.evaluate(() => ({ notes: window.__notes, sounds: window.__sounds.length }));
    assert(after.notes.length === 2 && after.notes[1].title === 'New message from Ann Lee' && after.notes[1].body === 'Thanks!',
      `one notification for the customer's message, none for her reply: ${JSON.stringify(after.notes)}`);
    assert(after.sounds === 2, `two sounds so far, got ${after.sounds}`);

    // An attachment without a name (a long address standing in for it) stays inside its bubble.
    await admin.post(`/v1/conversations/${id}/messages`, {
      content: { value: 'See the file', _type: 'Text' }, _type: 'Inbound',
      attachments: [{ url: `https://files.example.com/${'a'.repeat(400)}` }],
    }, 200);
    const bubble = page.locator('.bubble', { hasText: 'See the file' });
    await bubble.waitFor();
    const fits = await bubble.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= window.innerWidth);
    assert(fits, 'the unnamed attachment does not overflow its bubble');
    await page.waitForFunction(() => window.__notes.length >= 3);

    // She mutes the sound on her account page: notifications go on, silently.
    await page.getByTestId('account-open').click();
    await page.getByTestId('sound-muted').check();
    await page.waitForFunction(async () => {
      const r = await fetch('/v1/me/preferences', { headers: { Authorization: localStorage.getItem('switchboard.token') } });
      return (await r.json()).data.soundMuted === true;
    });
    await page.screenshot({ path: path.join(os.tmpdir(), 'sb-alerts-account.png') });
    await admin.post(`/v1/conversations/${id}/messages`,
      { content: { value: 'Hello?', _type: 'Text' }, _type: 'Inbound' }, 200);
    await page.waitForFunction(() => window.__notes.length >= 4);
    assert(await page.evaluate(() => window.__sounds.length) === 3, 'muted: no sound');
    // Away from the conversation, the message marks it unread and the title counts it.
    await page.waitForFunction(() => document.title.startsWith('(1) '));
  } finally {
    await browser?.close();
    await server.stop();
  }
});
