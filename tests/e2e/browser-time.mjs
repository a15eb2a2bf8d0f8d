// Browser end-to-end test of time: working hours, away messages and SLAs, on a server whose clock
// only moves when told (Monday 2026-01-05 09:00 UTC). Through the Settings forms the supervisor
// creates "Office" working hours (UTC, Mon–Fri 09:00–17:00), gives them to the Default queue with an
// away message, and creates a "Chat SLA" policy (channel is Chat widget, first response 30 min); the
// API then reports each. A chat made at 09:00 shows an SLA badge counting down from 30 minutes in
// the inbox; when the clock is moved 31 minutes on, the breach reaches the open page (no reload)
// and the conversation's SLA block names the policy. On Saturday, a new conversation in the queue
// gets the away message, labelled as automated in the timeline and in the API.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { api, assert, launchChromium, repo, runTest, startServer, testClock } from './lib.mjs';

const TOKEN = 'e2e-browser-time-token';
const AWAY = 'We are closed for the weekend and will answer on Monday.';
const VIEWPORT = { width: 1280, height: 800 };

/** A screenshot of all of the Settings section (it scrolls inside the page, so the page grows for it). */
async function settingsShot(page, name) {
  const height = await page.evaluate(() => document.querySelector('[data-testid="settings"] > .content').scrollHeight + 48);
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.max(VIEWPORT.height, height) });
  await page.screenshot({ path: path.join(repo, 'tests/e2e', name) });
  await page.setViewportSize(VIEWPORT);
}

await runTest('browser time e2e', async () => {
  const { server, base, dataDir } = await startServer('time', TOKEN, ['--clock', 'manual', '--clock-start', '2026-01-05T09:00:00Z']);
  let browser;
  try {
    const client = api(base, TOKEN);
    const clock = testClock(base);
    const defaultQueue = (await client.get('/v1/queues')).data.find((q) => q.isDefault);
    assert(defaultQueue, 'there is a Default queue');

    browser = await launchChromium(chromium);
    // Not UTC on purpose: the hours form offers the computer's zone first, so UTC must be picked.
    const page = await browser.newPage({ viewport: VIEWPORT, timezoneId: 'Europe/Berlin' });
    page.setDefaultTimeout(15000);
    await page.goto(base);
    await page.getByTestId('signin-mode').click();
    await page.getByTestId('signin-token').fill(TOKEN);
    await page.getByTestId('signin-button').click();
    await page.getByTestId('settings-open').click();

    // Settings › Working hours: "Office", UTC, the default week (Mon–Fri 09:00–17:00).
    await page.getByTestId('settings-nav-hours').click();
    await page.getByTestId('hours-new').click();
    const hoursForm = page.getByTestId('hours-create-form');
    await hoursForm.getByTestId('hours-form-name').fill('Office');
    await hoursForm.getByTestId('hours-form-timezone').selectOption('UTC');
    const openDays = await hoursForm.locator('[data-testid="hours-day"][data-open="true"]').evaluateAll((els) => els.map((e) => e.dataset.day));
    assert(openDays.join() === 'monday,tuesday,wednesday,thursday,friday', `the default week is Mon–Fri: ${openDays}`);
    await settingsShot(page, 'artifacts-hours-settings.png');
    await hoursForm.getByTestId('hours-form-submit').click();
    const hoursRow = page.locator('[data-testid="hours-row"]', { hasText: 'Office' });
    await hoursRow.waitFor();
    assert((await hoursRow.getByTestId('hours-timezone').textContent()) === 'UTC', 'the row shows UTC');
    assert((await hoursRow.getAttribute('data-open')) === 'true', 'Office is open on Monday 09:00');
    const office = (await client.get('/v1/working-hours')).data.find((h) => h.name === 'Office');
    assert(office?.timeZone === 'UTC', `the API has Office in UTC: ${JSON.stringify(office)}`);

    // Settings › Queues: the Default queue keeps Office and sends an away message.
    await page.getByTestId('settings-nav-queues').click();
    const queueRow = page.locator(`[data-testid="queue-row"][data-queue-id="${defaultQueue.id}"]`);
    await queueRow.getByTestId('queue-toggle').click();
    const period = queueRow.getByTestId('queue-hours-period');
    await period.locator('option', { hasText: 'Office' }).waitFor({ state: 'attached' });
    await period.selectOption({ label: 'Office' });
    await queueRow.getByTestId('queue-away-enabled').check();
    await queueRow.getByTestId('queue-away-message').fill(AWAY);
    await queueRow.getByTestId('queue-hours-save').click();
    await page.locator('[data-testid="toast"]', { hasText: 'Working hours saved' }).waitFor();
    const queueHours = (await client.get(`/v1/queues/${defaultQueue.id}/working-hours`)).data;
    assert(queueHours.workingHoursId === office.id, `the queue keeps Office: ${JSON.stringify(queueHours)}`);
    assert(queueHours.awayMessage.enabled && queueHours.awayMessage.message === AWAY, `the away message is on: ${JSON.stringify(queueHours)}`);

    // Settings › SLA policies: "Chat SLA", channel is Chat widget, first response 30 min.
    await page.getByTestId('settings-nav-sla').click();
    await page.getByTestId('sla-new').click();
    const slaForm = page.getByTestId('sla-form');
    await slaForm.getByTestId('sla-form-name').fill('Chat SLA');
    await slaForm.getByTestId('sla-condition-attribute').selectOption('channel');
    await slaForm.getByTestId('sla-condition-operator').selectOption('is');
    await slaForm.getByTestId('sla-condition-value').selectOption({ label: 'Chat widget' });
    // Keyboard: adding a condition moves focus to it, removing it moves focus back, never to the page.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    await slaForm.getByTestId('sla-add-condition').first().focus();
    await page.keyboard.press('Enter');
    assert((await focused()) === 'sla-condition-attribute', `focus on the new condition: ${await focused()}`);
    assert((await slaForm.getByTestId('sla-condition').count()) === 2, 'a second condition');
    await slaForm.getByTestId('sla-condition-remove').nth(1).focus();
    await page.keyboard.press('Enter');
    assert((await focused()) === 'sla-condition-attribute', `focus back on the first condition: ${await focused()}`);
    assert((await slaForm.getByTestId('sla-condition').count()) === 1, 'back to one condition');
    await slaForm.getByTestId('sla-form-severity-first-response').fill('30');
    await settingsShot(page, 'artifacts-sla-settings.png');
    await slaForm.getByTestId('sla-form-submit').click();
    await page.locator('[data-testid="sla-row"]', { hasText: 'Chat SLA' }).waitFor();
    const policy = (await client.get('/v1/sla-policies')).data.find((p) => p.name === 'Chat SLA');
    assert(policy, 'the API lists Chat SLA');
    const condition = policy.conditions.flat()[0];
    assert(condition?.attribute === 'channel' && condition.operator === 'is' && condition.value === 'WidgetChat',
      `its condition is channel is WidgetChat: ${JSON.stringify(policy.conditions)}`);
    assert(policy.severities[0]?.firstResponseMinutes === 30, `the Default severity has 30 min: ${JSON.stringify(policy.severities)}`);

    // A chat at Monday 09:00: the inbox badge counts down from 30 minutes on the server's clock.
    await page.getByTestId('settings-close').click();
    await page.getByTestId('tab-all').click();
    const first = await client.inboundConversation('Ann Lee', 'ann@example.com', 'Is my order on its way?');
    const badge = page.locator(`[data-testid="inbox-row"][data-conversation-id="${first}"] [data-testid="sla-badge"]`);
    await badge.waitFor();
    const left = await badge.getByTestId('sla-badge-text').textContent();
    assert(/^(29|30)m left$/.test(left.trim()), `the badge shows about 30 minutes left: "${left}"`);
    assert((await badge.getAttribute('data-state')) === 'running', 'the countdown runs');
    await page.evaluate(() => { window.__noReload = true; });

    await clock.advance(31 * 60);
    await page.locator(`[data-testid="inbox-row"][data-conversation-id="${first}"] [data-testid="sla-badge"][data-breached="true"]`).waitFor();
    const state = await badge.getAttribute('data-state');
    assert(state === 'breached' || state === 'overdue', `the badge is breached, not ${state}`);
    assert(await page.evaluate(() => window.__noReload === true), 'the breach arrived without a reload');
    assert((await client.get(`/v1/conversations/${first}`)).data.sla?.breached === true, 'the API says breached');

    await page.locator(`[data-testid="inbox-row"][data-conversation-id="${first}"]`).click();
    const slaBlock = page.getByTestId('sla-block');
    await slaBlock.waitFor();
    assert((await slaBlock.getByTestId('sla-policy-name').textContent()).trim() === 'Chat SLA', 'the SLA block names the policy');
    await slaBlock.getByTestId('sla-severity').waitFor();

    // Saturday 10:00: the queue is closed, so a new conversation gets the away message.
    await clock.advanceTo('2026-01-10T10:00:00Z');
    const second = await client.inboundConversation('Bob Stone', 'bob@example.com', 'Anyone there?', { queueId: defaultQueue.id });
    await page.locator(`[data-testid="inbox-row"][data-conversation-id="${second}"]`).click();
    const away = page.locator('[data-testid="message"][data-automated="AwayMessage"]', { hasText: AWAY });
    await away.waitFor();
    assert((await away.getByTestId('message-automated').textContent()).trim() === 'Away message', 'labelled as an away message');
    const messages = (await client.get(`/v1/conversations/${second}/messages`)).data;
    assert(messages.some((m) => m.automated === 'AwayMessage' && m.content?.value === AWAY), `the API has the away message: ${JSON.stringify(messages)}`);
    await page.screenshot({ path: path.join(repo, 'tests/e2e/artifacts-browser-time.png') });
  } finally {
    if (browser) await browser.close();
    await server.stop();
    try { fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 }); } catch (e) { console.warn(`could not remove ${dataDir}: ${e.message}`); }
  }
});
