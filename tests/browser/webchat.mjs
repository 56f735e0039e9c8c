// The chat on the Comune's website in a real browser: Debian's Chromium, headless, driven by
// Playwright. Started by tests/it/browser.rs, which runs the service, serves a page of the
// Comune's site on another loopback port (with a strict Content-Security-Policy and the one
// script tag) and a page of a site that is not allowed, and plays the operator in the console.
// The citizen does everything with the keyboard alone; axe-core checks the page with the chat
// open. Any failure exits with status 1 and says why.
//
// Environment: SITE_URL, OTHER_URL, WEBCHAT_URL, CHROMIUM, SCREENSHOTS (a folder).

import { join } from "node:path";
import { accessible, check, focusIs, launch, need, run, tabTo, watchedPage } from "./lib.mjs";

const SITE = process.env.SITE_URL;
const OTHER = process.env.OTHER_URL;
const WEBCHAT = process.env.WEBCHAT_URL;
const WAIT = 20000;
const SHOTS = process.env.SCREENSHOTS;

async function shot(page, name) {
  if (SHOTS) {
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  }
}

/** Runs `find` on the widget's shadow root in the page. */
function inWidget(page, find, arg) {
  return page.evaluate(
    ([source, arg]) => {
      const root = document.querySelector("[data-sportello-webchat]")?.shadowRoot;
      // eslint-disable-next-line no-new-func
      return root ? new Function("root", "arg", source)(root, arg) : null;
    },
    [find, arg],
  );
}

/** The texts of the messages shown, by who wrote them (`bot`, `you`). */
function messages(page, who) {
  return inWidget(
    page,
    "return [...root.querySelectorAll('.msg.' + arg + ' .text')].map((p) => p.textContent)",
    who,
  );
}

/** Waits until a message of the Comune contains `text`; returns how many there are. */
async function botSays(page, text) {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const shown = await messages(page, "bot");
    if (shown.some((m) => m.includes(text))) {
      return shown.length;
    }
    check(Date.now() < deadline, `the chat never showed "${text}"; it shows:\n${shown.join("\n---\n")}`);
    await page.waitForTimeout(100);
  }
}

/** Waits until the Comune has written more than `count` messages; returns the newest. */
async function nextBot(page, count) {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const shown = await messages(page, "bot");
    if (shown.length > count) {
      return shown[shown.length - 1];
    }
    check(Date.now() < deadline, `no new message after ${count}`);
    await page.waitForTimeout(100);
  }
}

/** Types a message and sends it with Enter, as the citizen does. */
async function write(page, text) {
  check(await focusIs(page, "textarea"), "the message field has the focus");
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

/** The dialog's box against the viewport: it fits, and nothing in it scrolls sideways. */
async function fits(page, name) {
  await page.waitForTimeout(400); // the opening animation, where motion is allowed
  const box = await inWidget(
    page,
    `const d = root.querySelector("dialog");
     const r = d.getBoundingClientRect();
     const f = root.querySelector("textarea").getBoundingClientRect();
     const s = root.querySelector("button[type=submit]").getBoundingClientRect();
     const log = root.querySelector(".log");
     return { left: r.left, top: r.top, right: r.right, bottom: r.bottom,
       field: f.bottom, send: s.right, sideways: log.scrollWidth > log.clientWidth + 1,
       width: innerWidth, height: innerHeight };`,
  );
  check(
    box.left >= 0 && box.top >= 0 && box.right <= box.width && box.bottom <= box.height,
    `${name}: the dialog leaves the screen: ${JSON.stringify(box)}`,
  );
  check(box.field <= box.height && box.send <= box.width, `${name}: the field or the button is off screen`);
  check(!box.sideways, `${name}: the conversation scrolls sideways`);
}

async function main() {
  const browser = await launch();
  const errors = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "it-IT" });
    const page = await watchedPage(context, errors);
    await page.goto(SITE);
    const launcher = await inWidget(page, "const b = root.querySelector('.launcher'); return b && [b.textContent, getComputedStyle(b).position]");
    check(launcher && launcher[0] === "Scrivi al Comune", `the launcher is there: ${launcher}`);
    check(launcher[1] === "fixed", "the widget's styles apply under the site's CSP");
    await accessible(page, "the site's page with the chat closed");

    // The keyboard alone: to the launcher, open, and the focus is in the message field.
    await tabTo(page, ".launcher");
    await page.keyboard.press("Enter");
    check(await inWidget(page, "return root.querySelector('dialog').open"), "the dialog opens");
    check(await focusIs(page, "textarea"), "the focus goes to the message field");
    check(
      (await inWidget(page, "return root.querySelector('.launcher').getAttribute('aria-expanded')")) === "true",
      "the launcher says the dialog is open",
    );
    const live = await inWidget(page, "const l = root.querySelector('[role=log]'); return l.getAttribute('aria-live')");
    check(live === "polite", "new messages are announced politely");

    // A question, then the menu and a choice tapped with the keyboard.
    await write(page, "Buongiorno, quanto costa la carta d'identità?");
    await nextBot(page, 0);
    await accessible(page, "the chat open with an answer");
    let count = (await messages(page, "bot")).length;
    await write(page, "/menu");
    await nextBot(page, count);
    await page.waitForFunction(
      () => document.querySelector("[data-sportello-webchat]").shadowRoot.querySelector(".choices button"),
      null,
      { timeout: WAIT },
    );
    count = (await messages(page, "bot")).length;
    await tabTo(page, ".choices button");
    const label = await inWidget(page, "return root.activeElement.textContent");
    await page.keyboard.press("Enter");
    await nextBot(page, count);
    check((await messages(page, "you")).includes(label), "the tapped choice shows as the citizen's");
    await accessible(page, "the chat open with choices");
    await shot(page, "widget");

    // The focus stays in the dialog: forwards and backwards round it.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 5 === 4 ? "Shift+Tab" : "Tab");
      const inside = await page.evaluate(
        () => document.activeElement?.matches("[data-sportello-webchat]") ?? false,
      );
      check(inside, `Tab ${i + 1} left the dialog`);
    }

    // An operator, who answers in the console: the citizen sees it live.
    await tabTo(page, "textarea");
    count = (await messages(page, "bot")).length;
    await write(page, "/operatore");
    await nextBot(page, count);
    const id = await page.evaluate(() => localStorage.getItem("sportello-webchat-id"));
    check(/^[0-9a-f-]{36}$/.test(id), `the anonymous id is kept in the browser: ${id}`);
    check(
      (await page.evaluate(() => document.cookie)) === "",
      "no cookie is set",
    );
    await need(`operator-replies ${id}`);
    await botSays(page, "sono Sara del Comune");

    // The service restarts while the citizen writes: the message goes once, the next reply
    // arrives once.
    await need("stop");
    await write(page, "Mi serve anche il certificato di residenza");
    await page.waitForTimeout(1500);
    await need("start");
    await need(`operator-replies-again ${id}`);
    await botSays(page, "Il certificato si richiede online");
    const [replies, written] = (await need(`count ${id}`)).split(" ").map(Number);
    const shownBot = (await messages(page, "bot")).length;
    const shownYou = (await messages(page, "you")).length;
    check(shownBot === replies, `the chat shows ${shownBot} replies, the service sent ${replies}`);
    check(shownYou === written, `the chat shows ${shownYou} messages, the service received ${written}`);

    // The operator closes; the citizen rates with the keyboard.
    count = shownBot;
    await need(`operator-closes ${id}`);
    await botSays(page, "Quanto è soddisfatto");
    await page.waitForFunction(
      () => [...document.querySelector("[data-sportello-webchat]").shadowRoot.querySelectorAll(".choices button")]
        .some((b) => b.textContent === "5"),
      null,
      { timeout: WAIT },
    );
    for (let i = 0; i < 40 && !(await inWidget(page, "return root.activeElement?.textContent === '5'")); i++) {
      await page.keyboard.press("Tab");
    }
    check(await inWidget(page, "return root.activeElement?.textContent === '5'"), "the keyboard reaches 5");
    await page.keyboard.press("Enter");
    await botSays(page, "Grazie per la sua valutazione");
    await need(`rated ${id}`);

    // The data export: a button, and the browser saves the file.
    await tabTo(page, "textarea");
    await write(page, "/i_miei_dati");
    await page.waitForFunction(
      () => document.querySelector("[data-sportello-webchat]").shadowRoot.querySelector(".msg.bot button:not(.choices button)"),
      null,
      { timeout: WAIT },
    );
    await tabTo(page, ".msg.bot > button");
    const saved = page.waitForEvent("download", { timeout: WAIT });
    await page.keyboard.press("Enter");
    const file = await saved;
    check(file.suggestedFilename().endsWith(".json"), `the export is a JSON file: ${file.suggestedFilename()}`);

    // Escape closes the dialog and the focus returns to the launcher.
    await page.keyboard.press("Escape");
    check(!(await inWidget(page, "return root.querySelector('dialog').open")), "Escape closes the dialog");
    check(await focusIs(page, ".launcher"), "the focus returns to the launcher");

    // The conversation goes on on the next page of the site.
    await page.reload();
    await tabTo(page, ".launcher");
    await page.keyboard.press("Enter");
    check((await messages(page, "you")).includes(label), "the next page shows the conversation so far");

    // A new anonymous id with one button: the conversation is no longer shown.
    await tabTo(page, "button.rotate");
    await page.keyboard.press("Enter");
    const rotated = await page.evaluate(() => localStorage.getItem("sportello-webchat-id"));
    check(rotated && rotated !== id, "the id is replaced");
    check((await messages(page, "bot")).length === 0, "the previous conversation is gone from the page");
    check(await focusIs(page, "textarea"), "the focus goes back to the message field");

    // Reduced motion: no animation; 200% zoom and a phone: the dialog fits.
    const still = await browser.newContext({ viewport: { width: 640, height: 400 }, reducedMotion: "reduce" });
    const zoomed = await watchedPage(still, errors);
    await zoomed.goto(SITE);
    await tabTo(zoomed, ".launcher");
    await zoomed.keyboard.press("Enter");
    const animation = await inWidget(zoomed, "return getComputedStyle(root.querySelector('dialog')).animationName");
    check(animation === "none", `reduced motion: no animation, not ${animation}`);
    await fits(zoomed, "200% zoom");
    await shot(zoomed, "widget-zoom");
    await accessible(zoomed, "the chat open at 200% zoom");
    const phone = await browser.newContext({
      viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
    });
    const small = await watchedPage(phone, errors);
    await small.goto(SITE);
    await inWidget(small, "root.querySelector('.launcher').click(); return null");
    await fits(small, "a phone");
    await shot(small, "widget-phone");
    const moving = await inWidget(small, "return getComputedStyle(root.querySelector('dialog')).animationName");
    check(moving === "sportello-in", `without the preference the dialog is animated: ${moving}`);

    // The connection refused while the service was down is expected; nothing else.
    const unexpected = errors.filter((e) => !/ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_INCOMPLETE_CHUNKED_ENCODING|Failed to fetch/.test(e));
    check(unexpected.length === 0, `the browser reported errors:\n${unexpected.join("\n")}`);

    // A page of a site that is not allowed: no widget, and its calls are refused.
    const elsewhere = await context.newPage();
    await elsewhere.goto(OTHER);
    await elsewhere.waitForTimeout(500);
    check((await elsewhere.locator("[data-sportello-webchat]").count()) === 0, "no widget on another site");
    const reached = await elsewhere.evaluate(async (base) => {
      try {
        await fetch(`${base}/webchat/messages`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-sportello-id": "0123456789abcdef0123" },
          body: JSON.stringify({ id: "m1", text: "ciao" }),
        });
        return "reached";
      } catch {
        return "refused";
      }
    }, WEBCHAT);
    check(reached === "refused", "another site's call is refused");
    await need("other-refused 0123456789abcdef0123");
  } finally {
    await browser.close();
  }
}

run(main);
