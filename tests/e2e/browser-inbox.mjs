// Browser end-to-end test of the inbox's views on a manual clock (Monday 5 January 2026, 09:00 UTC):
// Mine / Unassigned / All with counts that follow changes live, rows with their tags, orders,
// filters behind a toggle, and a snooze that wakes the conversation when the clock reaches it.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { api, assert, launchChromium, repo, runTest, signedInPage, startServer, testClock } from './lib.mjs';

const TOKEN = 'e2e-inbox-token';

await runTest('browser inbox e2e', async () => {
  const { server, base } = await startServer('inbox', TOKEN, ['--clock', 'manual', '--clock-start', '2026-01-05T09:00:00Z']);
  let browser;
  try {
    const admin = api(base, TOKEN);
    const clock = testClock(base);
    const statuses = (await admin.get('/v1/agent-statuses')).data;
    const busy = statuses.find((s) => s.name === 'Busy').id;
    const person = async (displayName, email) => {
      const id = (await admin.post('/v1/agents', { displayName, email })).data.id;
      await admin.put(`/v1/agents/${id}/status`, { statusId: busy }, 200);
      return id;
    };
    const dana = await person('Dana Reed', 'dana@example.com');
    const eli = await person('Eli Moss', 'eli@example.com');
    const danaToken = (await admin.post(`/v1/agents/${dana}/tokens`, { name: 'e2e' })).data.token;
    const vip = (await admin.post('/v1/tags', { name: 'vip', color: '#b03060' })).data.id;
    const billing = (await admin.post('/v1/queues', { name: 'Billing' })).data.id;
    await admin.patch(`/v1/queues/${billing}/members`, { agentIds: [dana] });

    const urgent = await admin.inboundConversation('Ann Lee', 'ann@example.com', 'The site is down');
    await admin.patch(`/v1/conversations/${urgent}`, { priority: 'Urgent' });
    await admin.put(`/v1/conversations/${urgent}/tags/${vip}`, {});
    await clock.advance(60);
    const email = (await admin.post('/v1/conversations', {
      requesterId: (await admin.post('/v1/endusers', { displayName: 'Bo Chen', email: 'bo@example.com' })).data.id,
      _type: 'Email', emailIntegrationId: 'help@example.com', subject: 'Invoice copy',
      message: { content: { value: 'Could you resend it? The old one is at www.example.com/invoices/42.', _type: 'Text' }, _type: 'Inbound' },
    })).data.id;
    await clock.advance(60);
    const elis = await admin.inboundConversation('Cy Park', 'cy@example.com', 'Password reset');
    await admin.put(`/v1/conversations/${elis}/claim`, { agentId: eli });

    browser = await launchChromium(chromium);
    const { page, errors } = await signedInPage(browser, base, danaToken, { timezoneId: 'UTC' });

    const count = (tab) => page.getByTestId(`tab-count-${tab}`);
    const rows = page.getByTestId('inbox-row');
    const order = async () => rows.evaluateAll((els) => els.map((e) => Number(e.dataset.conversationId)));
    await count('all').filter({ hasText: '3' }).waitFor();
    assert(await count('mine').innerText() === '0' && await count('unassigned').innerText() === '2', 'counts per view');

    // Search finds a customer's conversations by email and by a word's beginning.
    await page.getByTestId('search-input').fill('bo@example');
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="search-result"][data-conversation-id="${email}"]`).waitFor();
    assert(await page.getByTestId('search-result').count() === 1, 'only Bo Chen\'s conversation');
    await page.getByTestId('search-input').fill('passw');
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="search-result"][data-conversation-id="${elis}"]`).waitFor();
    await page.getByTestId('search-clear').click();

    // Unassigned: both customers' new conversations, the urgent one with its tag.
    await page.getByTestId('tab-unassigned').click();
    await rows.nth(1).waitFor();
    assert(JSON.stringify(await order()) === JSON.stringify([email, urgent]), `latest first: ${await order()}`);
    const tagged = page.locator(`[data-testid="inbox-row"][data-conversation-id="${urgent}"] [data-testid="row-tags"]`);
    assert((await tagged.innerText()).includes('vip'), 'the row shows its tag');
    await page.getByTestId('filter-sort').selectOption('Priority');
    await page.waitForFunction((id) => document.querySelector('[data-testid="inbox-row"]')?.dataset.conversationId === String(id), urgent);
    await page.getByTestId('filter-sort').selectOption('Latest');

    // More filters behind the toggle: only email; cleared again.
    await page.getByTestId('filters-toggle').click();
    await page.getByTestId('filter-channel').selectOption('Email');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="inbox-row"]').length === 1);
    assert((await order())[0] === email, 'only the email');
    assert((await page.getByTestId('filters-toggle').innerText()).includes('1'), 'the toggle counts one filter');
    await count('all').filter({ hasText: /^1$/ }).waitFor();
    await page.screenshot({ path: path.join(repo, 'tests/e2e/artifacts-inbox-1366.png') });
    // Saved as a view, cleared, and brought back by choosing the view.
    await page.getByTestId('views-picker').click();
    await page.getByTestId('views-picker-option').filter({ hasText: 'Save these filters' }).click();
    await page.getByTestId('view-name').fill('Unassigned email');
    await page.getByTestId('view-save').click();
    await page.getByTestId('toast').filter({ hasText: 'Saved view “Unassigned email”' }).waitFor();
    await page.getByTestId('filters-clear').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="inbox-row"]').length === 2);
    await page.getByTestId('views-picker').click();
    await page.getByTestId('views-picker-filter').fill('email');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="inbox-row"]').length === 1);
    assert(await page.getByTestId('filter-channel').inputValue() === 'Email', 'the view set the channel');
    const views = (await api(base, danaToken).get('/v1/me/views')).data;
    assert(views.length === 1 && views[0].query.includes('unassigned=true'), `kept on the server: ${JSON.stringify(views)}`);
    await page.getByTestId('filters-clear').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="inbox-row"]').length === 2);

    // Someone gives Dana the email: the counts follow live.
    await admin.put(`/v1/conversations/${email}/claim`, { agentId: dana });
    await count('mine').filter({ hasText: /^1$/ }).waitFor();
    await count('unassigned').filter({ hasText: /^1$/ }).waitFor();

    // She snoozes it for three hours: it leaves her Open work and waits, marked, among Waiting.
    await page.getByTestId('tab-mine').click();
    const row = page.locator(`[data-testid="inbox-row"][data-conversation-id="${email}"]`);
    await row.click();
    // An address in the customer's text is a link that opens apart from the app.
    const link = page.getByTestId('text-link');
    await link.waitFor();
    assert(await link.getAttribute('href') === 'https://www.example.com/invoices/42', 'the sentence\'s full stop is not part of it');
    assert(await link.getAttribute('rel') === 'noopener noreferrer' && await link.getAttribute('target') === '_blank', 'opens apart');
    await page.getByTestId('status-picker').click();
    const snoozeLater = page.getByTestId('status-picker-option').filter({ hasText: 'Snooze 3 hours' });
    assert((await snoozeLater.innerText()).includes('12:02'), `three hours on the server's clock: ${await snoozeLater.innerText()}`);
    await snoozeLater.click();
    await page.getByTestId('status-picker').filter({ hasText: 'Snoozed' }).waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('filter-status').selectOption('Waiting');
    await row.locator('[data-testid="row-snoozed"]').waitFor();
    assert((await admin.get(`/v1/conversations/${email}`)).data.snoozedUntil === '2026-01-05T12:02:00.000Z', 'stored');

    // A time in the past is refused in the dialog, before anything is sent.
    await page.getByTestId('status-picker').click();
    await page.getByTestId('status-picker-option').filter({ hasText: 'Snooze until…' }).click();
    await page.getByTestId('snooze-until').fill('2026-01-05T08:00');
    await page.locator('dialog[open] .error', { hasText: 'future' }).waitFor();
    await page.keyboard.press('Escape');

    // The clock reaches the wake-up: Open again, gone from Waiting, without a reload.
    await clock.advanceTo('2026-01-05T12:02:00Z');
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('status-picker').filter({ hasText: 'Open' }).waitFor();
    assert((await admin.get(`/v1/conversations/${email}`)).data.status === 'Open', 'woke up Open');

    // Bulk: a click and a shift-click choose three; transfer applies on Enter only, and Undo puts
    // each back where it was.
    await page.getByTestId('filter-status').selectOption('Open');
    await page.getByTestId('tab-all').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="inbox-row"]').length === 3);
    const picks = page.getByTestId('row-select');
    await picks.nth(0).click();
    await picks.nth(2).click({ modifiers: ['Shift'] });
    await page.getByTestId('bulk-count').filter({ hasText: '3 selected' }).waitFor();
    await page.getByTestId('bulk-transfer').click();
    await page.getByTestId('bulk-transfer-filter').fill('bill');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const queueOf = async (id) => (await admin.get(`/v1/conversations/${id}`)).data.queueId;
    assert((await queueOf(urgent)) !== billing, 'moving in the list transfers nothing');
    await page.keyboard.press('Enter');
    const undo = page.getByTestId('toast').filter({ hasText: 'Transferred 3 conversations' }).getByTestId('toast-action');
    await undo.waitFor();
    for (const id of [urgent, email, elis]) assert((await queueOf(id)) === billing, `#${id} moved`);
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    await undo.click();
    await page.getByTestId('toast').filter({ hasText: 'Undone' }).waitFor();
    for (const id of [urgent, email, elis]) assert((await queueOf(id)) !== billing, `#${id} back`);

    // Keyboard: x chooses the row under the cursor, Esc empties the selection.
    await rows.nth(0).focus();
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByTestId('bulk-count').filter({ hasText: '1 selected' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });

    await page.setViewportSize({ width: 800, height: 600 });
    await page.getByTestId('tab-mine').click();
    await row.waitFor();
    await page.screenshot({ path: path.join(repo, 'tests/e2e/artifacts-inbox-800.png') });
    assert(errors.length === 0, `no page errors: ${errors.join(' | ')}`);
  } finally {
    await browser?.close();
    await server.stop();
  }
});
