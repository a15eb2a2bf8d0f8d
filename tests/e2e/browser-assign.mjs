// Browser end-to-end test of handing conversations over, with two users at once: a supervisor
// assigns a conversation from the searchable picker (arrow keys only move the highlight) to an
// agent who sees it arrive live with a notification; giving it to a colleague asks first and tells
// her; she takes it back with the Claim button after confirming; transfer and priority apply only
// on Enter; reopening says why an Offline agent did not keep it; Settings › Handling switches
// assigning on reply. Screenshots at 1366×768 and 800×600.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { api, assert, launchChromium, repo, runTest, signedInPage, startServer } from './lib.mjs';

const TOKEN = 'e2e-assign-token';

const RECORDER = () => {
  window.__notes = [];
  class RecordingNotification {
    static permission = 'granted';
    static async requestPermission() {
      return 'granted';
    }
    constructor(title, options) {
      window.__notes.push({ title, body: options?.body ?? '' });
    }
    close() {}
  }
  window.Notification = RecordingNotification;
  HTMLMediaElement.prototype.play = () => Promise.resolve();
};

await runTest('browser assignment e2e', async () => {
  const { server, base } = await startServer('assign', TOKEN);
  let browser;
  try {
    const admin = api(base, TOKEN);
    const statuses = (await admin.get('/v1/agent-statuses')).data;
    const statusId = (name) => statuses.find((s) => s.name === name).id;
    const person = async (displayName, email) => {
      const id = (await admin.post('/v1/agents', { displayName, email })).data.id;
      await admin.put(`/v1/agents/${id}/status`, { statusId: statusId('Busy') }, 200);
      return id;
    };
    const dana = await person('Dana Reed', 'dana@example.com');
    const eli = await person('Eli Moss', 'eli@example.com');
    const danaToken = (await admin.post(`/v1/agents/${dana}/tokens`, { name: 'e2e' })).data.token;
    const billing = (await admin.post('/v1/queues', { name: 'Billing' })).data.id;
    await admin.patch(`/v1/queues/${billing}/members`, { agentIds: [dana] });
    const id = await admin.inboundConversation('Ann Lee', 'ann@example.com', 'Where is my invoice?');
    const conversation = async () => (await admin.get(`/v1/conversations/${id}`)).data;

    browser = await launchChromium(chromium);
    const big = { width: 1366, height: 768 };
    const sup = await signedInPage(browser, base, TOKEN, { init: RECORDER });
    const agent = await signedInPage(browser, base, danaToken, { init: RECORDER });
    const page = sup.page;

    await page.getByTestId('tab-all').click();
    await page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`).click();
    await page.getByTestId('conversation-view').waitFor();

    // The picker: status and load on each row; arrow keys and typing never act.
    await page.getByTestId('assign-picker').click();
    const options = page.getByTestId('assign-picker-option');
    await options.filter({ hasText: 'Dana Reed' }).waitFor();
    const dee = await options.filter({ hasText: 'Dana Reed' }).innerText();
    assert(dee.includes('Busy') && dee.includes('0/5 chats'), `status and load shown: ${dee}`);
    await page.screenshot({ path: path.join(repo, 'tests/e2e/artifacts-assign-1366.png') });
    await page.getByTestId('assign-picker-filter').fill('dan');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    assert(!(await conversation()).assignment, 'moving in the list assigns nobody');
    await page.keyboard.press('Enter');
    await page.getByTestId('conversation-assignee').filter({ hasText: 'Dana Reed' }).waitFor();
    assert((await conversation()).assignment?.agentId === dana, 'Enter assigned Dana');

    // Dana sees it arrive live in "Mine", with a notification.
    await agent.page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`).waitFor();
    await agent.page.waitForFunction(() => window.__notes.some((n) => n.title === 'Administrator assigned you a conversation'));

    // Giving it to Eli asks first, naming who has it; Dana is told.
    await page.getByTestId('assign-picker').click();
    await page.getByTestId('assign-picker-filter').fill('eli');
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open][data-testid="confirm-dialog"]');
    await dialog.filter({ hasText: 'Give this conversation to Eli Moss?' }).waitFor();
    assert((await dialog.innerText()).includes('Dana Reed has this conversation now'), 'the dialog names Dana');
    await page.getByTestId('assign-confirm').click();
    await page.getByTestId('conversation-assignee').filter({ hasText: 'Eli Moss' }).waitFor();
    await agent.page.waitForFunction(
      () => window.__notes.some((n) => n.title === 'Administrator gave your conversation to Eli Moss'));

    // Dana takes it back: the Claim button asks before taking a colleague's conversation.
    await agent.page.getByTestId('tab-all').click();
    await agent.page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`).click();
    await agent.page.locator('[data-testid="claim-button"][data-action="take-over"]').click();
    await agent.page.locator('dialog[open]').filter({ hasText: 'Take over from Eli Moss?' }).waitFor();
    await agent.page.getByTestId('assign-confirm').click();
    await agent.page.locator('[data-testid="claim-button"][data-action="claimed"]').waitFor();
    assert((await conversation()).assignment?.agentId === dana, 'Dana has it again');

    // A note names Dana with @: the list offers those who can open it; she is told, and the
    // conversation joins her Mentions.
    await page.getByTestId('composer-mode-note').click();
    await page.getByTestId('composer').fill('');
    await page.getByTestId('composer').pressSequentially('Thanks @da');
    await page.getByTestId('mention-option').filter({ hasText: '@Dana Reed' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('composer').pressSequentially('please call her back');
    assert(await page.getByTestId('composer').inputValue() === 'Thanks @Dana Reed please call her back', 'the name went in');
    await page.keyboard.press('Control+Enter');
    await agent.page.waitForFunction(() => window.__notes.some((n) => n.title === 'Administrator mentioned you'));
    await agent.page.getByTestId('tab-count-mentions').filter({ hasText: /^1$/ }).waitFor();
    await agent.page.getByTestId('tab-mentions').click();
    await agent.page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`).waitFor();
    await agent.page.getByTestId('tab-all').click();

    // Priority and transfer: arrows move, only Enter applies.
    await page.getByTestId('priority-picker').click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert((await conversation()).priority === 'Normal', 'moving changes no priority');
    await page.keyboard.press('Enter');
    await page.getByTestId('priority-picker').filter({ hasText: 'Urgent' }).waitFor();
    assert((await conversation()).priority === 'Urgent', 'Enter set the priority');
    await page.getByTestId('transfer-picker').click();
    await page.keyboard.press('ArrowDown');
    assert((await conversation()).queue?.id !== billing, 'moving transfers nothing');
    await page.getByTestId('transfer-picker-filter').fill('bill');
    await page.keyboard.press('Enter');
    await page.getByTestId('conversation-queue').filter({ hasText: 'Billing' }).waitFor();
    assert((await conversation()).assignment?.agentId === dana, 'a member of Billing keeps it');

    // Reopening says why an Offline agent did not keep it.
    await page.getByTestId('close-button').click();
    await page.getByTestId('reopen-button').waitFor();
    await admin.put(`/v1/agents/${dana}/status`, { statusId: statusId('Offline') }, 200);
    await page.getByTestId('reopen-button').click();
    await page.locator('.toast', { hasText: 'Dana Reed is in an Unavailable status' }).waitFor();
    assert(!(await conversation()).assignment, 'offered to the queue again');

    // 800×600: the header's pickers and the composer's Send stay reachable.
    await page.setViewportSize({ width: 800, height: 600 });
    // Narrow, the details panel is a drawer over the conversation: put it away first.
    if (await page.getByTestId('details-close').isVisible()) await page.getByTestId('details-close').click();
    await page.getByTestId('assign-picker').click();
    await page.getByTestId('assign-picker-option').first().waitFor();
    await page.screenshot({ path: path.join(repo, 'tests/e2e/artifacts-assign-800.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('assign-picker-popup').waitFor({ state: 'detached' });

    // Settings › Handling: assigning on reply is on, and can be switched off.
    await page.setViewportSize(big);
    await page.getByTestId('settings-open').click();
    await page.getByTestId('settings-nav-handling').click();
    const toggle = page.getByTestId('handling-assign-on-reply');
    assert(await toggle.isChecked(), 'on by default');
    await toggle.uncheck();
    await page.locator('.toast', { hasText: 'Replying no longer assigns' }).waitFor();
    assert((await admin.get('/v1/settings/handling')).data.assignOnReply === false, 'saved');

    const errors = [...sup.errors, ...agent.errors];
    assert(errors.length === 0, `no page errors: ${errors.join(' | ')}`);
  } finally {
    await browser?.close();
    await server.stop();
  }
});
