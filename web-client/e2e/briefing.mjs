// A live briefing in two real Chromium pages with fake cameras and microphones, against a running
// hub. Run by the api module's BriefingBrowserTest, or by hand:
//   BASE_URL=http://127.0.0.1:8187 HOST_USER=... GUEST_USER=... E2E_PASSWORD=... node e2e/briefing.mjs
// The host schedules nothing by hand: the briefing is made through the API, then everything a person
// does happens in the pages. Prints one line per step; exits non-zero when a step fails.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { expect, required, results, step } from './harness.mjs';

const BASE_URL = required('BASE_URL').replace(/\/$/, '');
const HOST_USER = required('HOST_USER');
const GUEST_USER = required('GUEST_USER');
const PASSWORD = required('E2E_PASSWORD');
const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? 'target/browser-screenshots';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = 15_000;

mkdirSync(SCREENSHOTS, { recursive: true });
const pageErrors = [];

/** A client of the API with a bearer token, for the setup and for changes made by "someone else". */
async function apiClient(username) {
  const login = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(login.ok, `login of ${username} answered ${login.status}`);
  const { token } = await login.json();
  const me = await (await fetch(`${BASE_URL}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).json();
  const gql = async (query, variables) => {
    const response = await fetch(`${BASE_URL}/graphql`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    expect(!body.errors, `GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  return { id: me.id, gql };
}

/** A real two-page PDF (with a correct cross-reference table), so that pdf.js has something to draw. */
function twoPagePdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> >>',
    null,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = (text) => {
    const content = `BT /F1 36 Tf 40 140 Td (${text}) Tj ET`;
    return `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  };
  objects[3] = stream('Page one');
  objects[5] = stream('Page two');
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, n) => {
    offsets.push(pdf.length);
    pdf += `${n + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

async function logIn(page, username) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('아이디').fill(username);
  await page.getByLabel('비밀번호').fill(PASSWORD);
  await page.getByRole('button', { name: '로그인' }).click();
  try {
    await page.getByRole('button', { name: '로그아웃' }).waitFor();
  } catch (error) {
    await page.screenshot({ path: join(SCREENSHOTS, `login-failed-${username}.png`) });
    const alerts = await page.getByRole('alert').allTextContents().catch(() => []);
    throw new Error(`${username} is not logged in after 15 s (page ${page.url()}, alerts: ${alerts.join(' | ')}): ${error.message}`);
  }
}

/** Frames the page's video element for a peer has decoded. */
async function decodedFrames(page, peerId) {
  return page.evaluate((id) => {
    const video = document.querySelector(`video[data-peer-id="${id}"]`);
    return video ? video.getVideoPlaybackQuality().totalVideoFrames : -1;
  }, peerId);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
});
let failed = false;
try {
  const host = await apiClient(HOST_USER);
  const guest = await apiClient(GUEST_USER);
  const { createBriefing } = await host.gql(`mutation($i: CreateBriefingInput!) {
      createBriefing(input: $i) { briefing { id } errors { message } } }`, { i: {
    title: `강경읍 침수 대응 브리핑 ${Date.now()}`, purpose: '현장 상황 공유', scheduledStart: new Date().toISOString(),
    agenda: [{ title: '침수 현황', issueId: 'iss_ganggyeong-flood', minutes: 10 }], inviteeIds: [guest.id],
  } });
  expect(createBriefing.errors.length === 0, JSON.stringify(createBriefing.errors));
  const briefingId = createBriefing.briefing.id;
  const roomUrl = `${BASE_URL}/briefings/${briefingId}`;

  const contexts = [];
  const open = async (name) => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    context.setDefaultTimeout(TIMEOUT);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
    return page;
  };
  const hostPage = await open('host');
  const guestPage = await open('guest');

  await step('the host uploads the deck and adds a live data slide', async () => {
    await logIn(hostPage, HOST_USER);
    await hostPage.goto(roomUrl);
    await hostPage.getByRole('heading', { level: 1, name: /강경읍 침수 대응 브리핑/ }).waitFor();
    await hostPage.getByTestId('deck-upload').setInputFiles({ name: 'flood.pdf', mimeType: 'application/pdf', buffer: twoPagePdf() });
    await hostPage.getByText('발표 자료 2쪽을 슬라이드로 추가했습니다.').waitFor();
    const form = hostPage.getByRole('form', { name: '실시간 데이터 슬라이드 추가' });
    await form.getByLabel('제목').fill('미해결 사안 수');
    await form.getByLabel('GraphQL 질의').fill('{ issueCounts(by: SEVERITY, filter: {openOnly: true}) { key count } }');
    await form.getByLabel('표시 방법').selectOption('KPI');
    await form.getByLabel('발표자 메모').fill('지난주보다 늘었는지 짚을 것');
    await form.getByRole('button', { name: '슬라이드 추가' }).click();
    await hostPage.getByText('슬라이드를 추가했습니다.').waitFor();
  });

  await step('the host starts the briefing and both enter with camera and microphone', async () => {
    await hostPage.getByRole('button', { name: '브리핑 시작' }).click();
    await hostPage.getByRole('button', { name: '회의실 입장' }).click();
    await hostPage.getByTestId('briefing-room').waitFor();
    await logIn(guestPage, GUEST_USER);
    await guestPage.goto(roomUrl);
    await guestPage.getByRole('button', { name: '회의실 입장' }).click();
    await guestPage.locator(`[data-testid="participants"] li[data-person-id="${host.id}"]`).waitFor();
    await hostPage.locator(`[data-testid="participants"] li[data-person-id="${guest.id}"]`).waitFor();
  });

  await step('each sees the other\'s video (frames decoded)', async () => {
    await hostPage.locator(`video[data-peer-id="${guest.id}"]`).waitFor();
    await guestPage.locator(`video[data-peer-id="${host.id}"]`).waitFor();
    const deadline = Date.now() + 10_000;
    let frames = [0, 0];
    while (Date.now() < deadline) {
      frames = [await decodedFrames(hostPage, guest.id), await decodedFrames(guestPage, host.id)];
      if (frames[0] > 10 && frames[1] > 10) {
        break;
      }
      await hostPage.waitForTimeout(250);
    }
    expect(frames[0] > 10 && frames[1] > 10, `decoded frames host<-guest ${frames[0]}, guest<-host ${frames[1]}`);
    await hostPage.screenshot({ path: join(SCREENSHOTS, '21-briefing-host.png') });
  });

  await step('the presenter changes the slide and the viewer follows within a second', async () => {
    await guestPage.locator('[data-testid="slide-frame"][data-slide="0"] canvas[data-rendered-page="1"]').waitFor();
    const started = Date.now();
    await hostPage.getByRole('button', { name: '다음' }).click();
    await guestPage.locator('[data-testid="slide-frame"][data-slide="1"]').waitFor({ timeout: 1000 });
    const followed = Date.now() - started;
    await guestPage.locator('canvas[data-rendered-page="2"]').waitFor();
    console.log(`  the viewer followed in ${followed} ms`);
    // the viewer browses back on their own, then snaps back to the presenter
    await guestPage.getByRole('button', { name: '이전' }).click();
    await guestPage.locator('[data-testid="slide-frame"][data-slide="0"]').waitFor();
    await guestPage.getByRole('button', { name: '발표자 따라가기' }).click();
    await guestPage.locator('[data-testid="slide-frame"][data-slide="1"]').waitFor();
  });

  await step('chat arrives', async () => {
    await guestPage.getByLabel('메시지').fill('강경 둑 수위 3.2m 확인했습니다');
    await guestPage.getByRole('button', { name: '보내기' }).click();
    await hostPage.getByTestId('chat-lines').getByText('강경 둑 수위 3.2m 확인했습니다').waitFor();
  });

  await step('a live data slide updates after a mutation', async () => {
    await hostPage.getByRole('button', { name: '다음' }).click();
    await guestPage.locator('[data-testid="slide-frame"][data-slide="2"]').waitFor();
    await hostPage.getByRole('complementary', { name: '발표자 메모' }).getByText('지난주보다').waitFor();
    const kpi = guestPage.getByTestId('kpi-value');
    await kpi.waitFor();
    const before = Number((await kpi.textContent()).replace(/[^0-9]/g, ''));
    await host.gql(`mutation($i: CreateIssueInput!) { createIssue(input: $i) { issue { id } errors { message } } }`, { i: {
      title: `브리핑 중 접수된 침수 ${Date.now()}`, category: 'SAFETY', severity: 'HIGH', visibility: 'PUBLIC',
      ownerId: 'agc_nonsan-safety', districtIds: ['dst_ganggyeong'],
    } });
    await guestPage.waitForFunction((n) => Number(document.querySelector('[data-testid="kpi-value"]')?.textContent?.replace(/[^0-9]/g, '')) === n,
      before + 1, { timeout: 5000 });
    await guestPage.screenshot({ path: join(SCREENSHOTS, '22-briefing-guest.png') });
  });

  await step('leaving updates presence', async () => {
    await guestPage.getByRole('button', { name: '나가기' }).click();
    await hostPage.locator(`[data-testid="participants"] li[data-person-id="${guest.id}"]`).waitFor({ state: 'detached', timeout: 5000 });
  });

  await step('no script errors in either page', async () => {
    expect(pageErrors.length === 0, pageErrors.join('\n'));
  });
  await Promise.all(contexts.map((c) => c.close()));
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
