// The web console in a real browser: Debian's Chromium, headless, driven by Playwright.
// Started by tests/it/browser.rs, which runs the service and plays the citizen on the fake Bot
// API. The two talk in lines: this script prints `need <what>` and waits for `done` on its
// standard input. Every page is checked with axe-core (WCAG 2.1 A and AA); the main tasks are
// done with the keyboard alone (an editor writes an announcement the same way). Any failure
// exits with status 1 and says why.
//
// Environment: CONSOLE_URL, PASSWORD, CHROMIUM (the browser), SCREENSHOTS (a folder),
// INSIGHTS_REPORT (the HTML report of `sportello insights`).

import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { accessible, check, launch, need, run, tabTo, watchedPage } from "./lib.mjs";

const BASE = process.env.CONSOLE_URL;
const PASSWORD = process.env.PASSWORD;
const SHOTS = process.env.SCREENSHOTS;
// The HTML report of `sportello insights`, a file written by the test.
const REPORT = process.env.INSIGHTS_REPORT;
const WAIT = 15000;

/** Signs in with the keyboard alone, from the top of the sign-in page. */
async function signIn(page, username) {
  await page.goto(`${BASE}/login`);
  await tabTo(page, "#username");
  await page.keyboard.type(username);
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL(`${BASE}/inbox`);
}

async function main() {
  const browser = await launch();
  const errors = [];
  try {
    const maria = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await watchedPage(maria, errors);
    await page.goto(`${BASE}/login`);
    await accessible(page, "sign-in page");
    await signIn(page, "maria");
    await accessible(page, "inbox (empty)");

    // A citizen asks for an operator: the case appears without a reload.
    await need("handoff");
    const row = page.locator("#cases a", { hasText: "URP-" });
    await row.first().waitFor({ timeout: WAIT });
    const label = (await row.first().textContent()).trim();
    console.log(`live: ${label} appeared in the inbox`);
    await accessible(page, "inbox");
    if (SHOTS) {
      await page.screenshot({ path: join(SHOTS, "inbox.png"), fullPage: true });
    }
    await row.first().click();
    await page.waitForURL(/\/cases\/\d+/);
    await accessible(page, "case page");

    // The citizen writes again: the line appears on the open page.
    await need("citizen-writes");
    await page.locator("#transcript li", { hasText: "certificato di residenza" }).waitFor({ timeout: WAIT });
    console.log("live: the citizen's message appeared on the case page");
    check(!(await page.locator("#transcript").textContent()).includes("345 678 9012"), "the phone number is hidden");

    // The text as written, revealed on request (and audited), with the keyboard.
    await page.reload();
    await tabTo(page, "#reveal button");
    await page.keyboard.press("Enter");
    await page.locator("#revealed").waitFor({ timeout: WAIT });
    check((await page.locator("#revealed").textContent()).includes("345 678 9012"), "the reveal shows the number");
    await accessible(page, "case page, text revealed");

    // Claim with the keyboard alone.
    await page.keyboard.press("Escape");
    await page.evaluate(() => document.activeElement?.blur());
    await tabTo(page, "button[value=claim]");
    await page.keyboard.press("Enter");
    await page.waitForURL(/done=claimed/);
    check((await page.locator("#case-status").textContent()).includes("Maria"), "the case is Maria's");

    // A second operator (the supervisor) sees who has it, and cannot take it over.
    const sara = await browser.newContext();
    const second = await watchedPage(sara, errors);
    await signIn(second, "super");
    await second.goto(page.url().split("?")[0]);
    check((await second.locator("#case-status").textContent()).includes("Maria"), "Sara sees the claim");
    await second.locator("button[value=claim]").click();
    await second.waitForURL(/done=taken/);
    check((await second.locator("#notice").textContent()).includes("Maria"), "Sara is told who has it");

    // A ready reply, chosen and sent with the keyboard; the citizen receives it.
    await tabTo(page, "#canned");
    const canned = await page.locator("#canned option").nth(1);
    const cannedValue = await canned.getAttribute("value");
    const cannedText = (await canned.textContent()).trim();
    await page.selectOption("#canned", cannedValue);
    await tabTo(page, "button[value=reply]");
    await page.keyboard.press("Enter");
    await page.waitForURL(/done=replied/);
    console.log(`canned reply ${cannedValue} sent`);
    await need(`citizen-receives ${cannedText.slice(0, 40)}`);
    if (SHOTS) {
      await page.screenshot({ path: join(SHOTS, "case.png"), fullPage: true });
    }

    // Transfer to the tax office: Maria (URP only) goes back to her inbox; the supervisor
    // closes it there.
    await page.selectOption("#transfer-to", "tributi");
    await page.locator("button[value=transfer]").click();
    await page.waitForURL(/\/inbox/);
    await second.reload();
    await second.locator("button[value=close]").click();
    await second.waitForURL(/done=closed/);
    await second.goto(`${BASE}/dashboard`);
    await accessible(second, "dashboard");
    if (SHOTS) {
      await second.screenshot({ path: join(SHOTS, "dashboard.png"), fullPage: true });
    }
    await need("citizen-rates");

    // The insights: the console's page, then the HTML report of `sportello insights`.
    await second.goto(`${BASE}/insights`);
    check((await second.locator("svg[role=img]").count()) > 0, "the insights page has no chart");
    await accessible(second, "insights page");
    if (SHOTS) {
      await second.screenshot({ path: join(SHOTS, "insights.png"), fullPage: true });
    }
    if (REPORT) {
      await second.goto(pathToFileURL(REPORT).href);
      check((await second.locator("table caption").count()) > 3, "the report has no tables");
      await accessible(second, "insights report (HTML)");
    }

    // The admin's audit page.
    const admin = await browser.newContext();
    const audit = await watchedPage(admin, errors);
    const code = await need("admin-code");
    await audit.goto(`${BASE}/login`);
    await audit.fill("#username", "admin");
    await audit.fill("#password", PASSWORD);
    await audit.click("button[type=submit]");
    await audit.waitForURL(/\/login\/totp/);
    await accessible(audit, "second factor");
    await audit.fill("#code", code);
    await audit.click("button[type=submit]");
    await audit.waitForURL(`${BASE}/audit`);
    await accessible(audit, "audit page");
    const text = await audit.locator("table").textContent();
    for (const action of ["claim", "reply", "transfer", "close"]) {
      check(text.includes(action), `the audit lists ${action}`);
    }
    if (SHOTS) {
      await audit.screenshot({ path: join(SHOTS, "audit.png"), fullPage: true });
    }
    await audit.goto(`${BASE}/account/totp`);
    await accessible(audit, "account page");
    await audit.goto(`${BASE}/content`);
    await accessible(audit, "content page");

    // Announcements: an editor writes one with the keyboard, sees its preview, schedules it.
    const editor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const news = await watchedPage(editor, errors);
    await news.goto(`${BASE}/login`);
    await news.fill("#username", "edo");
    await news.fill("#password", PASSWORD);
    await news.click("button[type=submit]");
    await news.waitForURL(`${BASE}/content`);
    await news.locator("nav a[href='/broadcasts']").click();
    await news.waitForURL(`${BASE}/broadcasts`);
    await accessible(news, "announcements");
    await news.selectOption("#topic", "eventi");
    const it = "Sabato 12 dicembre in piazza il mercatino di Natale.";
    await tabTo(news, "#text-it");
    await news.keyboard.type(it);
    await tabTo(news, "#text-en");
    await news.keyboard.type("On Saturday 12 December the Christmas market is in the square.");
    await tabTo(news, "#new-broadcast button[type=submit]");
    await news.keyboard.press("Enter");
    await news.waitForURL(/\/broadcasts\/\d+\?done=created/);
    check((await news.locator("#preview-it").textContent()).includes(it), "the preview shows the Italian text");
    await accessible(news, "announcement page");
    await news.fill("#date", "2030-01-15");
    await news.fill("#time", "09:30");
    await news.locator("#schedule button[value=schedule]").click();
    await news.waitForURL(/done=scheduled/);
    check((await news.locator("#notice").count()) === 1, "the scheduling is confirmed");
    await accessible(news, "announcement page, scheduled");
    if (SHOTS) {
      await news.screenshot({ path: join(SHOTS, "broadcast.png"), fullPage: true });
    }
    await news.goto(`${BASE}/broadcasts`);
    check((await news.locator("#broadcasts tbody tr").count()) === 1, "the list shows the announcement");

    // English, and 200% zoom: still no violation.
    await page.goto(`${BASE}/lang/en`);
    await page.setViewportSize({ width: 640, height: 900 });
    await accessible(page, "inbox in English at a narrow width");

    check(errors.length === 0, `the browser reported errors:\n${errors.join("\n")}`);
  } finally {
    await browser.close();
  }
}

run(main);
