/*
 * The add-on's monitoring and settings pages in headless Chromium (playwright-core, Debian's
 * /usr/bin/chromium). Started by tests/browser/run.php, which has made a dead letter (an order line
 * with an item the sandbox does not know) and serves admin.php through the X-Cart controllers.
 * Prints TAP lines "ok N - ..." / "not ok N - ..." from TAP_START; exits 1 when one failed.
 *
 * Environment: BASE_URL (the built-in server), SANDBOX_DIR (port, ca.pem; NODE_EXTRA_CA_CERTS is set
 * to its ca.pem), ORDER_NUMBER, MISSING_ITEM, CONFIG_FILE (the extension's business settings file),
 * IONAPI_FILE (the server's infor_sync.ionapi_file, a copy of the sandbox's),
 * ARTEFACTS (screenshot folder), CHROMIUM (default /usr/bin/chromium), TAP_START.
 */
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync, statSync } from 'node:fs';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) { throw new Error(`${name} is not set`); }
  return v;
};
const BASE = env('BASE_URL');
const SANDBOX = env('SANDBOX_DIR');
const ORDER = env('ORDER_NUMBER');
const ITEM = env('MISSING_ITEM');
const CONFIG_FILE = env('CONFIG_FILE');
const IONAPI_FILE = env('IONAPI_FILE');
const ARTEFACTS = env('ARTEFACTS');
const WAIT_MS = 30000;

let n = Number(env('TAP_START', '1')) - 1;
let failures = 0;

/* one TAP line; a failing step stops the test (the next steps depend on it) */
async function step(description, fn) {
  n++;
  try {
    await fn();
    console.log(`ok ${n} - ${description}`);
  } catch (err) {
    failures++;
    console.log(`not ok ${n} - ${description}`);
    const cause = err && err.cause ? ` (${err.cause.code || ''} ${err.cause.message || err.cause})` : '';
    console.log(`# ${String((err && err.message || err) + cause).split('\n').join('\n# ')}`);
    throw err;
  }
}

function check(condition, message) {
  if (!condition) { throw new Error(message); }
}

async function sandbox(method, path, body) {
  const port = readFileSync(`${SANDBOX}/port`, 'utf8').trim();
  const res = await fetch(`https://127.0.0.1:${port}/_sandbox/${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  check(res.ok, `sandbox ${method} ${path}: HTTP ${res.status}`);
  return res.json();
}

async function screenshot(page, name) {
  const file = `${ARTEFACTS}/${name}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(`# screenshot: ${file}`);
}

function businessSettings() {
  return JSON.parse(readFileSync(CONFIG_FILE, 'utf8'));
}

/* Clicks Refresh until the page shows what probe() finds, as an admin would. */
async function refreshUntil(page, probe, what) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    await page.click('[data-infor-action="refresh"]');
    await page.waitForTimeout(300);
    if (await probe()) { return; }
  }
  throw new Error(`the page did not show ${what} within ${WAIT_MS} ms`);
}

async function main() {
  mkdirSync(ARTEFACTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: env('CHROMIUM', '/usr/bin/chromium') });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error') { pageErrors.push(msg.text()); } });
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.accept(); });

  try {
    await monitorPage(page, dialogs);
    await settingsPage(page);
    await step('no JavaScript errors on the pages', async () => {
      check(pageErrors.length === 0, pageErrors.join('\n'));
    });
  } finally {
    await browser.close();
  }
}

async function monitorPage(page, dialogs) {
  const row = page.locator('[data-infor-section="dead"] tbody tr', { hasText: ORDER });

  await step('the monitoring page shows the dead letter with Infor\'s reason', async () => {
    await page.goto(`${BASE}/admin.php?target=infor_sync_status`);
    await row.waitFor({ timeout: WAIT_MS });
    const reason = await row.locator('.infor-sync-reason').textContent();
    check(reason.includes(`Item number ${ITEM} does not exist`), `reason shown: ${reason}`);
    check(await row.locator('button[data-infor-action="retry"]').isVisible(), 'no Retry button in the row');
  });
  await screenshot(page, 'monitor-dead-letter');

  await step(`the item is created in Infor (sandbox POST /_sandbox/items ${ITEM})`, async () => {
    await sandbox('POST', 'items', { ITNO: ITEM, ITDS: 'Added by the browser test', SAPR: '39.00' });
  });

  await step('Retry asks for confirmation and reports the dead letter sent again', async () => {
    await row.locator('button[data-infor-action="retry"]').click();
    await page.locator('[data-infor-section="alerts"] .infor-sync-info', { hasText: '1 dead letter(s) sent again.' })
      .waitFor({ timeout: WAIT_MS });
    check(dialogs.some((d) => d.includes('Send this dead letter to Infor again?')), `dialogs: ${dialogs.join(' | ')}`);
  });

  let orno = '';
  await step('the page shows it delivered: no dead letters, a delivery with an Infor order number', async () => {
    const delivery = page.locator('[data-infor-section="deliveries"] tbody tr', { hasText: ORDER });
    await refreshUntil(page, async () => (await delivery.count()) > 0, `a delivery of ${ORDER}`);
    orno = ((await delivery.first().locator('td').nth(3).textContent()) || '').trim();
    check(/^\d+$/.test(orno), `Infor order column: "${orno}"`);
    const dead = (await page.locator('[data-infor-section="dead"]').textContent()).trim();
    check(dead === 'No dead letters.', `dead letters section: ${dead}`);
  });
  await screenshot(page, 'monitor-after-retry');

  await step('the sandbox has the order once, with the number the page shows', async () => {
    const mine = (await sandbox('GET', 'orders')).orders.filter((o) => o.cuor === ORDER);
    check(mine.length === 1, `${mine.length} orders with CUOR ${ORDER}`);
    check(mine[0].orno === orno, `sandbox ORNO ${mine[0].orno}, page ${orno}`);
    check(mine[0].lines.some((l) => l.itno === ITEM), `lines: ${JSON.stringify(mine[0].lines)}`);
  });

  // The router runs X-Cart's per-form CSRF mode: the Retry above used up the page's form id.
  await step('a second POST on the same page (Send settings again) is accepted and shows X-Cart\'s TopMessages', async () => {
    const alerts = page.locator('[data-infor-section="alerts"]');
    await page.click('[data-infor-action="push_config"]');
    await alerts.locator('.infor-sync-flash', { hasText: /Infor M3/ }).first().waitFor({ timeout: WAIT_MS });
    const text = await alerts.textContent();
    check(!text.includes('not JSON') && !text.includes('could not be identified'), `alerts: ${text}`);
  });
  await screenshot(page, 'monitor-second-action');
}

async function settingsPage(page) {
  const messages = page.locator('#status-messages');
  const before = businessSettings();

  await step('the monitoring page links to the settings form, which shows the module options', async () => {
    await page.click('a:has-text("Infor M3 settings")');
    await page.waitForURL(/target=module&moduleId=CloudLink-InforSync/);
    check(await page.locator('label[for="opt-cono"]').textContent() === 'Company (CONO)', 'no Company (CONO) field');
    check(await page.locator('.infor-sync-settings-info').isVisible(), 'the php.ini info box is missing');
  });

  const fill = async (values) => {
    for (const [name, value] of Object.entries(values)) {
      await page.fill(`#opt-${name}`, value);
    }
    await Promise.all([page.waitForNavigation(), page.click('form.module-settings button[type="submit"]')]);
  };
  const valid = { divi: 'AAA', order_type: 'DTC', facility: '100', warehouse: '100', default_customer: 'WEBSHOP', currency: 'EUR' };

  await step('a company number the extension refuses shows its field error; the settings file is unchanged', async () => {
    await fill({ ...valid, cono: '5000' });
    const error = await messages.locator('li.error').allTextContents();
    check(error.some((e) => e.includes('Infor M3 setting "Company (CONO)" (cono)') && e.includes('1 to 999')),
      `error messages: ${JSON.stringify(error)}`);
    check(JSON.stringify(businessSettings()) === JSON.stringify(before), 'the business settings file changed');
    check(await page.inputValue('#opt-cono') === '5000', 'the form lost the value X-Cart saved');
  });
  await screenshot(page, 'settings-error');

  await step('a valid save reaches the extension: config() and the settings file have the new company', async () => {
    await fill({ ...valid, cono: '200' });
    const info = await messages.locator('li.info').allTextContents();
    check(info.some((t) => t.includes('business settings were saved')), `messages: ${JSON.stringify(info)}`);
    check((await messages.locator('li.error').count()) === 0, 'an error message is shown');
    const shown = JSON.parse(await page.locator('.infor-sync-settings-info details pre').textContent());
    check(shown.cono === 200, `InforSync\\config() on the page: cono ${shown.cono}`);
    check(businessSettings().cono === 200, `settings file: cono ${businessSettings().cono}`);
  });
  await screenshot(page, 'settings-saved');

  const good = JSON.parse(readFileSync(`${SANDBOX}/sandbox.ionapi`, 'utf8'));
  const paste = async (text) => {
    await page.fill('#opt-ionapi_upload', text);
    await Promise.all([page.waitForNavigation(), page.click('form.module-settings button[type="submit"]')]);
  };

  await step('a pasted .ionapi without its secret is refused by key; the file stays, the text is not kept', async () => {
    const broken = { ...good };
    delete broken.cs;
    const fileBefore = readFileSync(IONAPI_FILE, 'utf8');
    await paste(JSON.stringify(broken, null, 2));
    const error = await messages.locator('li.error').allTextContents();
    check(error.some((e) => e.includes('(key cs)')), `error messages: ${JSON.stringify(error)}`);
    check(!error.join(' ').includes(good.ci), 'a message repeats a credential value');
    check(readFileSync(IONAPI_FILE, 'utf8') === fileBefore, 'the credentials file changed');
    check(await page.inputValue('#opt-ionapi_upload') === '', 'the pasted text is still in the form');
  });

  await step('a pasted .ionapi is written to php.ini\'s file (0600), not kept in X-Cart, and the page shows it', async () => {
    const renamed = { ...good, cn: 'xcart-browser-upload' };
    await paste(JSON.stringify(renamed, null, 2));
    const info = await messages.locator('li.info').allTextContents();
    check(info.some((t) => t.includes('Infor credentials were saved')), `messages: ${JSON.stringify(info)}`);
    check(JSON.parse(readFileSync(IONAPI_FILE, 'utf8')).cn === 'xcart-browser-upload', 'the file has not the pasted content');
    check((statSync(IONAPI_FILE).mode & 0o777) === 0o600, `mode ${(statSync(IONAPI_FILE).mode & 0o777).toString(8)}`);
    check(await page.inputValue('#opt-ionapi_upload') === '', 'the pasted text is still in the form');
    const box = await page.locator('.infor-sync-settings-info').textContent();
    check(box.includes(good.ti), 'the page does not show the tenant of the credentials');
    check(!box.includes(good.cs) && !box.includes(good.sask), 'the page shows a secret');
  });
  await screenshot(page, 'settings-credentials');
}

main().catch((err) => {
  if (failures === 0) {
    console.log(`not ok ${n + 1} - the browser test ran to the end`);
    console.log(`# ${String(err && err.stack || err).split('\n').join('\n# ')}`);
  }
  process.exitCode = 1;
}).then(() => {
  if (failures > 0) { process.exitCode = 1; }
  console.log(`# last test number: ${n}`);
});
