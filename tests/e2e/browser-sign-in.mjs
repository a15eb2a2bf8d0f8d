// Browser end-to-end test of signing in: the admin invites an agent from Settings › Agents and
// copies the link; the agent opens it in another browser, sets a password and lands in the inbox;
// their account page lists this browser; signing out ends the session on the server; a wrong
// password is refused with a message; signing in with email and password works, at 800x600.
import { chromium } from 'playwright-core';
import os from 'node:os';
import path from 'node:path';
import { api, assert, launchChromium, repo, runTest, startServer } from './lib.mjs';

const TOKEN = 'e2e-sign-in-token';
const PASSWORD = 'a long enough password';

await runTest('browser sign-in e2e', async () => {
  const { server, base } = await startServer('signin', TOKEN);
  let browser;
  try {
    const admin = api(base, TOKEN);
    const created = await admin.post('/v1/agents', { displayName: 'Dana Reed', email: 'dana@example.com', roles: ['Agent'] });
    const dana = created.data.id;

    browser = await launchChromium(chromium);

    // The admin makes Dana's invite link in Settings › Agents.
    const adminPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    adminPage.setDefaultTimeout(15000);
    await adminPage.goto(base);
    await adminPage.getByTestId('signin-mode').click();
    await adminPage.getByTestId('signin-token').fill(TOKEN);
    await adminPage.getByTestId('signin-button').click();
    await adminPage.getByTestId('settings-open').click();
    await adminPage.getByTestId('settings-nav-agents').click();
    const row = adminPage.locator(`[data-testid="agent-row"][data-agent-id="${dana}"]`);
    await row.getByTestId('agent-invite').click();
    const link = await row.getByTestId('agent-link-value').inputValue();
    assert(link.startsWith(`${base}/set-password?token=sb_`), `the link is the UI's page: ${link}`);

    // The admin sets up a mail server in Settings › Email; its password is kept but never shown.
    await adminPage.getByTestId('settings-nav-email').click();
    await adminPage.locator('[data-testid="email-state"]', { hasText: 'No mail server' }).waitFor();
    await adminPage.getByTestId('smtp-host').fill('smtp.example.com');
    await adminPage.getByTestId('smtp-user').fill('mailer');
    await adminPage.getByTestId('smtp-password').fill('smtp secret');
    await adminPage.getByTestId('smtp-from').fill('help@example.com');
    await adminPage.getByTestId('smtp-public').fill(base);
    await adminPage.getByTestId('email-save').click();
    await adminPage.locator('[data-testid="email-state"]', { hasText: 'emailed through smtp.example.com' }).waitFor();
    const smtp = await admin.get('/v1/settings/email');
    assert(smtp.data.host === 'smtp.example.com' && smtp.data.hasPassword === true && !('password' in smtp.data),
      `the setup is saved without its password read back: ${JSON.stringify(smtp.data)}`);
    await adminPage.reload();
    await adminPage.getByTestId('settings-open').click();
    await adminPage.getByTestId('settings-nav-email').click();
    assert(await adminPage.getByTestId('smtp-host').inputValue() === 'smtp.example.com', 'a reload shows the host');
    assert(await adminPage.getByTestId('smtp-password').inputValue() === '', 'the password is not read back');

    // Dana opens it in her own browser at 800x600.
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.goto(link);
    await page.locator('[data-testid="set-password-name"]', { hasText: 'Dana Reed' }).waitFor();
    await page.getByTestId('set-password-new').fill(PASSWORD);
    await page.getByTestId('set-password-confirm').fill('a different password');
    assert(await page.getByTestId('set-password-submit').isDisabled(), 'differing passwords are not sent');
    await page.getByTestId('set-password-confirm').fill(PASSWORD);
    await page.getByTestId('set-password-submit').click();
    await page.getByTestId('account-open').waitFor();
    assert(new URL(page.url()).pathname === '/', 'the link left the address bar');
    const session = await page.evaluate(() => localStorage.getItem('switchboard.token'));
    const me = await api(base, session).get('/v1/me');
    assert(me.data.id === dana && me.data.hasPassword === true, 'the session is Dana\'s');

    // The link works once.
    const again = await fetch(`${base}/v1/auth/links/${new URL(link).searchParams.get('token')}`);
    assert(again.status === 410, `a used link answers 410, got ${again.status}`);

    // Her account page lists this browser.
    await page.getByTestId('account-open').click();
    await page.locator('[data-testid="session-row"][data-current="true"]', { hasText: 'This browser' }).waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'sb-account-800x600.png') });

    // Signing out ends the session on the server.
    await page.getByTestId('signout-button').click();
    await page.getByTestId('signin-email').waitFor();
    const gone = (await fetch(`${base}/v1/me`, { headers: { Authorization: session } })).status;
    assert(gone === 401, `the signed-out session no longer works (got ${gone})`);

    // A wrong password is refused without saying whether the email exists.
    await page.getByTestId('signin-email').fill('dana@example.com');
    await page.getByTestId('signin-password').fill('not the password');
    await page.getByTestId('signin-button').click();
    await page.locator('[data-testid="signin-error"]', { hasText: 'The email or password is not right' }).waitFor();

    // And the right one signs in.
    await page.getByTestId('signin-password').fill(PASSWORD);
    await page.getByTestId('signin-button').click();
    await page.getByTestId('account-open').waitFor();
    const sessions = await api(base, await page.evaluate(() => localStorage.getItem('switchboard.token'))).get('/v1/me/sessions');
    assert(sessions.data.length === 1 && sessions.data[0].current, 'one session: this one');
  } finally {
    await browser?.close();
    await server.stop();
  }
});
