// Browser end-to-end test: the headless server and the web UI in Chromium. A conversation made
// through the API shows up live; the agent claims it, replies and closes it in the UI; the API
// then shows the outbound message and the Closed status. The agent starts Offline and becomes
// Available with the header's status switcher, which the API then reports too. Last, the customer's
// city is set in the details panel's profile form, and the API reports it on the end user. Last,
// the user switches to the dark theme, which a reload keeps.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { api, assert, launchChromium, repo, runTest, startServer } from './lib.mjs';

const TOKEN = 'e2e-browser-token';

await runTest('browser e2e', async () => {
  const { server, base, dataDir } = await startServer('browser', TOKEN);
  let browser;
  try {
    const client = api(base, TOKEN);
    const first = await client.inboundConversation('Ann Lee', 'ann@example.com', "My order hasn't shipped");

    browser = await launchChromium(chromium);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15000);
    await page.goto(base);
    await page.getByTestId('signin-mode').click();
    await page.getByTestId('signin-token').fill(TOKEN);
    await page.getByTestId('signin-button').click();
    // A new agent starts Offline (so nothing is assigned to them before the flow below).
    await page.locator('[data-testid="status-shown"]', { hasText: 'Offline' }).waitFor();
    await page.getByTestId('tab-all').click();
    await page.locator(`[data-testid="inbox-row"][data-conversation-id="${first}"]`).waitFor();
    // Marks this page load: a reload would lose it.
    await page.evaluate(() => { window.__noReload = true; });

    const second = await client.inboundConversation('Bob Stone', 'bob@example.com', 'Where is my refund?');
    const row = page.locator(`[data-testid="inbox-row"][data-conversation-id="${second}"]`);
    await row.waitFor();
    assert(await page.evaluate(() => window.__noReload === true), 'the inbox updated without a reload');
    // The customer's name arrives with the row's end-user lookup.
    await page.locator(`[data-testid="inbox-row"][data-conversation-id="${second}"]`, { hasText: 'Bob Stone' }).waitFor();

    await row.click();
    const view = page.getByTestId('conversation-view');
    await view.waitFor();
    await page.getByTestId('claim-button').click();
    await page.locator('[data-testid="claim-button"][data-action="claimed"]').waitFor();
    const reply = 'Your refund was sent today.';
    await page.getByTestId('composer').fill(reply);
    await page.getByTestId('send-button').click();
    await page.locator('[data-testid="message"][data-direction="Outbound"]', { hasText: reply }).waitFor();
    await page.getByTestId('close-button').click();
    await page.locator('[data-testid="conversation-status"][data-status="Closed"]').waitFor();
    await page.screenshot({ path: path.join(repo, 'tests/e2e/artifacts-browser.png') });

    const messages = await client.get(`/v1/conversations/${second}/messages`);
    const outbound = messages.data.filter((m) => m.direction === 'Outbound');
    assert(outbound.length === 1 && outbound[0].content.value === reply, `the API shows the reply: ${JSON.stringify(messages.data)}`);
    const me = await client.get('/v1/me');
    assert(outbound[0].authorId === me.data.id, 'the signed-in agent wrote it');
    const conversation = await client.get(`/v1/conversations/${second}`);
    assert(conversation.data.status === 'Closed', `status is Closed, not ${conversation.data.status}`);
    assert(conversation.data.assignment?.agentId === me.data.id, 'the agent who claimed it keeps it');

    // The header's status switcher: Offline → Available, as the API then says too.
    await page.getByTestId('status-switcher').click();
    await page.locator('[data-testid="status-option"][data-status-name="Available"]').click();
    await page.locator('[data-testid="status-shown"]', { hasText: 'Available' }).waitFor();
    const work = await client.get(`/v1/agents/${me.data.id}/status`);
    assert(work.data.status.name === 'Available', `the API shows the agent Available, not ${work.data.status.name}`);
    assert(work.data.shownStatus.name === 'Available', `shown as Available, not ${work.data.shownStatus.name}`);

    // The customer's profile in the details panel: only the changed attribute is sent.
    const detailsToggle = page.getByTestId('details-toggle');
    if (await detailsToggle.isVisible()) await detailsToggle.click();
    await page.getByTestId('person-edit').click();
    await page.getByTestId('person-form').waitFor();
    await page.getByTestId('person-form-city').fill('Oslo');
    await page.getByTestId('person-save').click();
    await page.locator('[data-testid="person-detail"][data-field="city"]', { hasText: 'Oslo' }).waitFor();
    const customer = await client.get(`/v1/endusers/${conversation.data.requesterId}`);
    assert(customer.data.person?.city === 'Oslo', `the API shows the customer's city: ${JSON.stringify(customer.data.person)}`);

    // Light or dark: the page follows the system (light here) until the user picks, and keeps the pick.
    const shownTheme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert(await shownTheme() === 'light', `a light system shows light, not ${await shownTheme()}`);
    const lightBackground = await background();
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('theme-toggle').click();
    assert(await page.getByTestId('theme-toggle').getAttribute('data-theme-choice') === 'dark', 'the second click picks Dark');
    assert(await shownTheme() === 'dark', 'Dark is shown');
    assert(await background() !== lightBackground, `the page is darker: ${await background()}`);
    await page.reload();
    await page.getByTestId('theme-toggle').waitFor();
    assert(await shownTheme() === 'dark', 'Dark is kept across a reload');
  } finally {
    if (browser) await browser.close();
    await server.stop();
    try { fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 }); } catch (e) { console.warn(`could not remove ${dataDir}: ${e.message}`); }
  }
});
