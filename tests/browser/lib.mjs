// What the browser scripts share: talking with the Rust test that started them, axe-core,
// pages that record errors, and Chromium started the same way.

import { chromium } from "playwright-core";
import { createInterface } from "node:readline";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

/** Asks the test for something (the citizen writes...) and waits until it is done; returns
 * what the test added after `done`. */
export async function need(what) {
  console.log(`need ${what}`);
  const answer = await lines.next();
  const words = answer.done ? "" : answer.value.trim();
  if (words !== "done" && !words.startsWith("done ")) {
    throw new Error(`the test did not do ${what}: ${answer.value}`);
  }
  return words.slice(5);
}

export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** axe-core on the page as it is now: no WCAG 2.1 A or AA violation. */
export async function accessible(page, name) {
  // Evaluated through the debugging protocol, which the page's CSP does not govern: the page
  // itself still runs no inline script.
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  check(found.length === 0, `${name}: ${found.length} accessibility violations:\n${found.join("\n")}`);
  console.log(`axe ${name}: 0 violations, ${result.passes.length} rules passed`);
}

/** Whether the focused element, inside open shadow roots too, matches `selector`. */
export function focusIs(page, selector) {
  return page.evaluate((s) => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      active = active.shadowRoot.activeElement;
    }
    return active?.matches(s) ?? false;
  }, selector);
}

/** Presses Tab until the element with `selector` has the focus; fails after `limit` presses. */
export async function tabTo(page, selector, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await focusIs(page, selector)) {
      return;
    }
  }
  throw new Error(`the keyboard never reaches ${selector}`);
}

/** A page that records what the browser refuses (CSP) and script errors. */
export async function watchedPage(context, errors) {
  const page = await context.newPage();
  const keep = (text) => errors.push(`${page.url()}: ${text.slice(0, 300)}`);
  page.on("console", (message) => {
    if (message.type() === "error") {
      keep(message.text());
    }
  });
  page.on("pageerror", (error) => keep(error.message));
  return page;
}

/** Debian's Chromium, headless. Playwright starts it with a fresh, empty profile of its own
 * (--user-data-dir in a new temporary folder), removed when the browser closes. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Runs `main`, then says `ok` or why it failed, and exits accordingly. */
export function run(main) {
  main().then(
    () => {
      console.log("ok");
      process.exit(0);
    },
    (error) => {
      console.log(`failed: ${error.stack ?? error}`);
      process.exit(1);
    },
  );
}
