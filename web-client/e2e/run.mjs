// Browser tests of the web client in real Chromium (Debian's, driven by playwright-core), against a
// running hub. Run by the api module's BrowserTest, or by hand:
//   BASE_URL=http://127.0.0.1:8095 E2E_USER=admin E2E_PASSWORD=... node e2e/run.mjs
// E2E_USER is a staff account (or an admin); the admin pages are visited as E2E_ADMIN_USER with
// E2E_ADMIN_PASSWORD, which default to E2E_USER and E2E_PASSWORD.
// Prints one line per step and exits non-zero when a step fails. Screenshots go to SCREENSHOT_DIR.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { expect, required, results, step } from './harness.mjs';

const BASE_URL = required('BASE_URL').replace(/\/$/, '');
const USER = required('E2E_USER');
const PASSWORD = required('E2E_PASSWORD');
const ADMIN_USER = process.env.E2E_ADMIN_USER || USER;
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD || PASSWORD;
const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? 'target/browser-screenshots';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = 15_000;

mkdirSync(SCREENSHOTS, { recursive: true });
const pageErrors = [];
/** Set while a step provokes an error answer on purpose (a wrong password). */
let expectingRefusal = false;

async function shot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Another client than the browser: logs in through the API and sends GraphQL with a bearer token. */
async function otherClient() {
  const login = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: USER, password: PASSWORD }),
  });
  expect(login.ok, `the other client's login answered ${login.status}`);
  const { token } = await login.json();
  return async (query, variables) => {
    const response = await fetch(`${BASE_URL}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    expect(!body.errors, `GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
}

/** Collects the page's script errors and console errors for the last step. */
function watchErrors(page) {
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !(expectingRefusal && message.text().includes('401'))) {
      pageErrors.push(`${page.url()}: console: ${message.text()}`);
    }
  });
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  watchErrors(page);

  await step('overview loads in Korean and goes live', async () => {
    await page.goto(`${BASE_URL}/`);
    await page.getByRole('heading', { level: 1, name: '도시 상황판' }).waitFor();
    expect(await page.getAttribute('html', 'lang') === 'ko', 'the page is not marked Korean');
    await page.locator('.connection[data-status="connected"]').waitFor();
    await page.locator('.district-map a[data-district-id]').first().waitFor();
    const open = Number(await page.getByTestId('open-issues').textContent());
    expect(open > 0, `no open issues on the overview (${open})`);
    await page.locator('.ticker .news-item').first().waitFor();
    await page.locator('.chart svg').first().waitFor();
    // The indicators panel answers: a chart per metric the visitor may read, or says there is none.
    await page.locator('#overview-indicators').waitFor();
    await page.locator('.indicators .indicator, .indicators p.muted').first().waitFor();
    await shot(page, '01-overview-ko');
  });

  await step('switch language to English and back', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'City overview' }).waitFor();
    expect(await page.getAttribute('html', 'lang') === 'en', 'the page is not marked English');
    await page.getByRole('link', { name: 'News', exact: true }).waitFor();
    await shot(page, '02-overview-en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'City overview' }).waitFor(); // remembered
    await page.getByRole('button', { name: '한국어로 보기' }).click();
    await page.getByRole('heading', { level: 1, name: '도시 상황판' }).waitFor();
  });

  await step('log in', async () => {
    await page.getByRole('link', { name: '로그인' }).click();
    await page.getByLabel('아이디').fill(USER);
    await page.getByLabel('비밀번호').fill('wrong password');
    expectingRefusal = true;
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('alert').filter({ hasText: '올바르지 않습니다' }).waitFor();
    expectingRefusal = false;
    await page.getByLabel('비밀번호').fill(PASSWORD);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('button', { name: '로그아웃' }).waitFor();
    await page.getByRole('heading', { level: 1, name: '도시 상황판' }).waitFor();
    await page.locator('.connection[data-status="connected"]').waitFor();
  });

  await step('a complaint arrives live on the overview and staff reply on the complaints screen', async () => {
    await page.goto(`${BASE_URL}/`);
    const today = page.getByTestId('complaints-today');
    await today.waitFor();
    await page.locator('.connection[data-status="connected"]').waitFor();
    const before = Number(await today.textContent());
    const graphql = await otherClient();
    const description = `브라우저 시험 민원 ${Date.now()}: 강경읍 도로가 파였어요`;
    const filed = await graphql(`mutation($input: SubmitComplaintInput!) {
      submitComplaint(input: $input) { complaint { id } errors { code message } } }`,
    { input: { serviceCode: 'ROAD_DAMAGE', description, latitude: 36.157, longitude: 127.013 } });
    expect(filed.submitComplaint.errors.length === 0, JSON.stringify(filed.submitComplaint.errors));
    const id = filed.submitComplaint.complaint.id;
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="complaints-today"]')?.textContent) > n, before);
    await shot(page, '04a-overview-complaints');
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '민원' }).click();
    await page.getByRole('heading', { level: 1, name: '민원' }).waitFor();
    const item = page.locator(`[data-testid="complaint"][data-id="${id}"]`);
    await item.waitFor();
    await item.getByPlaceholder('시민에게 보일 답변').fill('현장을 확인하고 보수하겠습니다.');
    await item.getByRole('button', { name: '보내기' }).click();
    await item.locator('.status-notes').filter({ hasText: '현장을 확인하고 보수하겠습니다.' }).waitFor();
    await shot(page, '04b-complaints');
  });

  let districtUrl;
  await step('search and open a district', async () => {
    await page.getByRole('searchbox', { name: '통합 검색' }).fill('강경');
    await page.getByRole('searchbox', { name: '통합 검색' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: /강경/ }).waitFor();
    const hit = page.locator('.search-hit a[href^="/districts/"]').filter({ hasText: '강경읍' }).first();
    await hit.waitFor();
    await shot(page, '03-search');
    await hit.click();
    await page.getByRole('heading', { level: 1, name: /강경읍/ }).waitFor();
    await page.locator('.issue-row').first().waitFor();
    districtUrl = page.url();
    await page.getByRole('heading', { level: 2, name: '지표' }).waitFor();
    await shot(page, '04-district');
  });

  await step('an issue changed by another client updates live', async () => {
    await page.locator('.issue-row a.issue-title').first().click();
    await page.locator('[data-testid="issue-status"] [data-status]').waitFor();
    const issueId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    await page.locator('.status-form').waitFor(); // staff may change it here
    await page.evaluate(() => { window.__noReload = true; });
    const graphql = await otherClient();
    const before = await graphql('query($id: ID!) { issue(id: $id) { status allowedTransitions history { to } } }', { id: issueId });
    const to = before.issue.allowedTransitions[0];
    const note = `브라우저 시험 ${Date.now()}`;
    const changed = await graphql(`mutation($input: ChangeIssueStatusInput!) {
      changeIssueStatus(input: $input) { issue { status } errors { code message } } }`, { input: { id: issueId, to, note } });
    expect(changed.changeIssueStatus.errors.length === 0, JSON.stringify(changed.changeIssueStatus.errors));
    await page.locator(`[data-testid="issue-status"] [data-status="${to}"]`).waitFor();
    await page.locator('.timeline-note').filter({ hasText: note }).waitFor();
    await page.locator('.live-note').filter({ hasText: '실시간' }).waitFor();
    await page.locator('.toast').first().waitFor();
    expect(await page.evaluate(() => window.__noReload === true), 'the page was reloaded');
    await shot(page, '05-issue-live');
  });

  await step('page through news', async () => {
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '뉴스' }).click();
    await page.getByRole('heading', { level: 1, name: '뉴스' }).waitFor();
    await page.locator('.news-item').first().waitFor();
    const firstOnPage1 = await page.locator('.news-item').first().getAttribute('data-news-id');
    const count1 = await page.locator('.news-item').count();
    expect(count1 === 10, `page 1 shows ${count1} items`);
    await page.getByRole('button', { name: '다음' }).click();
    await page.locator('.pager-page').filter({ hasText: '2쪽' }).waitFor();
    await page.waitForFunction((id) => document.querySelector('.news-item')?.getAttribute('data-news-id') !== id, firstOnPage1);
    await shot(page, '06-news-page-2');
    await page.getByRole('button', { name: '이전' }).click();
    await page.locator('.pager-page').filter({ hasText: '1쪽' }).waitFor();
    await page.waitForFunction((id) => document.querySelector('.news-item')?.getAttribute('data-news-id') === id, firstOnPage1);
    await page.getByLabel('행정구역').selectOption({ label: '강경읍' });
    await page.waitForURL(/district=/);
    await page.locator('.news-item').first().waitFor();
  });

  await step('dataset catalog with facets and a dataset', async () => {
    await page.goto(`${BASE_URL}/datasets`);
    await page.locator('.dataset-card').first().waitFor();
    await page.locator('.facet input[type=checkbox]').first().click();
    await page.waitForURL(/theme=/);
    await page.locator('.facet input[type=checkbox]:checked').first().waitFor();
    await page.locator('.dataset-card a').first().click();
    await page.locator('.dcat-row').first().waitFor();
    await shot(page, '07-dataset');
  });

  await step('a deep link loads fresh, and the keyboard reaches the content', async () => {
    await page.goto(districtUrl);
    await page.getByRole('heading', { level: 1, name: /강경읍/ }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '본문 바로가기' });
    expect(await skip.evaluate((el) => el === document.activeElement), 'the first Tab does not reach the skip link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id) === 'main', 'the skip link does not move focus to the content');
  });

  await step('feeds admin page', async () => {
    await page.goto(`${BASE_URL}/admin/feeds`);
    await page.getByRole('heading', { level: 1, name: '뉴스 피드 관리' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /피드/ }).first().waitFor();
    await shot(page, '08-admin-feeds');
  });

  await step('admin: API keys, webhooks and accounts', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    adminContext.setDefaultTimeout(TIMEOUT);
    const admin = await adminContext.newPage();
    watchErrors(admin);
    try {
      await admin.goto(`${BASE_URL}/login`);
      await admin.getByLabel('아이디').fill(ADMIN_USER);
      await admin.getByLabel('비밀번호').fill(ADMIN_PASSWORD);
      await admin.getByRole('button', { name: '로그인' }).click();
      await admin.getByRole('button', { name: '로그아웃' }).waitFor();

      // API keys: a refusal shows next to its field; the new key is shown once; then it is revoked.
      await admin.goto(`${BASE_URL}/admin/keys`);
      await admin.getByRole('heading', { level: 1, name: 'API 키 관리' }).waitFor();
      const tabs = admin.getByRole('navigation', { name: '관리 메뉴' });
      for (const name of ['뉴스 피드', '계정', 'API 키', '웹훅']) {
        await tabs.getByRole('link', { name, exact: true }).waitFor();
      }
      const keyName = `브라우저 시험 키 ${Date.now()}`;
      await admin.getByLabel('용도').fill(keyName);
      await admin.getByRole('button', { name: '발급', exact: true }).click();
      await admin.locator('#new-key-agencyId-error').filter({ hasText: '필수 항목입니다.' }).waitFor();
      expect(await admin.getByLabel('소속 기관').getAttribute('aria-invalid') === 'true', 'the agency field is not marked invalid');
      await admin.getByLabel('소속 기관').selectOption({ index: 1 });
      await admin.getByRole('button', { name: '발급', exact: true }).click();
      const once = admin.getByTestId('secret-once');
      await once.waitFor();
      await once.filter({ hasText: '한 번만' }).waitFor();
      const key = await once.locator('input').inputValue();
      expect(key.startsWith('cgk_'), `the key shown is not a key: ${key}`);
      const row = admin.locator('tr[data-key-id]').filter({ hasText: keyName });
      await row.locator('.badge-good').waitFor();
      await shot(admin, '11-admin-key-shown-once');
      await once.getByRole('button', { name: '안전한 곳에 보관했습니다' }).click();
      await once.waitFor({ state: 'detached' });
      await row.getByRole('button', { name: `${keyName} 키 폐기` }).click();
      await row.getByRole('group').getByRole('button', { name: '폐기', exact: true }).click();
      await row.locator('.badge-bad').filter({ hasText: '폐기됨' }).waitFor();
      await admin.getByRole('status').filter({ hasText: '폐기했습니다' }).waitFor();
      expect(!(await admin.locator('body').textContent()).includes(key), 'the key is shown again');
      await shot(admin, '12-admin-key-revoked');

      // Webhooks: the list, a new one with its secret shown once, a test, its removal.
      await tabs.getByRole('link', { name: '웹훅', exact: true }).click();
      await admin.getByRole('heading', { level: 1, name: '웹훅 관리' }).waitFor();
      await admin.getByRole('heading', { level: 2, name: /웹훅 \d+개/ }).waitFor();
      const description = `브라우저 시험 웹훅 ${Date.now()}`;
      await admin.getByLabel('받는 주소').fill(`${BASE_URL}/e2e-webhook-receiver`);
      await admin.getByLabel('설명').fill(description);
      await admin.getByRole('button', { name: '등록', exact: true }).click();
      await admin.getByTestId('secret-once').waitFor();
      const hook = admin.locator('tr[data-webhook-id]').filter({ hasText: description });
      await hook.waitFor();
      await hook.getByRole('button', { name: `${description}에 시험 이벤트 보내기` }).click();
      await admin.locator('.notice').filter({ hasText: description }).waitFor({ timeout: 30_000 });
      await shot(admin, '13-admin-webhooks');
      await hook.getByRole('button', { name: `${description} 삭제` }).click();
      await hook.getByRole('group').getByRole('button', { name: '삭제', exact: true }).click();
      await hook.waitFor({ state: 'detached' });

      // Accounts: the list, and a refused username shown next to its field.
      await tabs.getByRole('link', { name: '계정', exact: true }).click();
      await admin.getByRole('heading', { level: 1, name: '계정 관리' }).waitFor();
      await admin.locator('tr[data-user-id]').filter({ hasText: ADMIN_USER }).waitFor();
      await admin.getByLabel(/^아이디/).fill('Not A Name');
      await admin.getByLabel(/^비밀번호/).fill('a long enough password');
      await admin.getByRole('button', { name: '만들기', exact: true }).click();
      await admin.locator('#new-user-username-error').waitFor();
      await shot(admin, '14-admin-users');

      // On a tablet the admin tables scroll inside their panel, not the page.
      await admin.setViewportSize({ width: 820, height: 1180 });
      await admin.goto(`${BASE_URL}/admin/webhooks`);
      await admin.getByRole('heading', { level: 1, name: '웹훅 관리' }).waitFor();
      const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow <= 0, `the webhooks page is ${overflow}px wider than the tablet`);
      await shot(admin, '15-admin-webhooks-tablet');
    } finally {
      await adminContext.close();
    }
  });

  await step('bundled GraphiQL loads without a CDN', async () => {
    await page.goto(`${BASE_URL}/graphiql`);
    await page.locator('.graphiql-container').waitFor();
    await page.locator('.graphiql-editor').first().waitFor();
    await shot(page, '09-graphiql');
  });

  await step('usable on a tablet', async () => {
    const tablet = await browser.newContext({ viewport: { width: 820, height: 1180 }, locale: 'ko-KR', hasTouch: true });
    const tab = await tablet.newPage();
    await tab.goto(`${BASE_URL}/`);
    await tab.getByRole('heading', { level: 1, name: '도시 상황판' }).waitFor();
    await tab.locator('.district-map a[data-district-id]').first().waitFor();
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 0, `the page is ${overflow}px wider than the tablet`);
    await shot(tab, '10-tablet');
    await tablet.close();
  });

  await step('no script errors on any page', async () => {
    expect(pageErrors.length === 0, pageErrors.join('\n'));
  });
} catch {
  failed = true;
} finally {
  await browser.close();
}

const passed = results.filter((r) => r.ok).length;
console.log(`e2e: ${passed} passed, ${results.length - passed} failed`);
if (failed && pageErrors.length) {
  console.log(`page errors:\n${pageErrors.join('\n')}`);
}
process.exit(failed ? 1 : 0);
