// Drives Debian's Firefox ESR for tests/browser/engines (pytest), over WebDriver BiDi with the pinned
// puppeteer-core (package.json; it downloads no browser). One JSON command per stdin line, one JSON
// answer per stdout line: {ok, value} or {ok: false, error}.
//   {op: "open"}                              a fresh browser context (no storage) and page
//   {op: "goto", url}                         navigate, wait for the load event
//   {op: "eval", expr, frame?}                evaluate an expression (awaited) in the page or in the
//                                              frame of the <iframe> matching the CSS selector `frame`
//   {op: "click", selector, frame?}           a real pointer click on the element
//   {op: "type", selector, text}            click the field, empty it and type text with key events
//   {op: "log"}                               console errors and page errors seen since "open"
//   {op: "requests"}                          URLs the page requested since "open"
//   {op: "quit"}
// Usage: node firefox_driver.mjs <firefox executable> <proxy port>
import puppeteer from "puppeteer-core";
import { createInterface } from "node:readline";

const [executablePath, proxyPort] = process.argv.slice(2);
const prefs = {
  // Every request that is not to localhost goes to the test's refusing proxy (it records them).
  "network.proxy.type": 1,
  "network.proxy.http": "127.0.0.1",
  "network.proxy.http_port": Number(proxyPort),
  "network.proxy.ssl": "127.0.0.1",
  "network.proxy.ssl_port": Number(proxyPort),
  "network.proxy.no_proxies_on": "localhost, 127.0.0.1",
  "network.proxy.allow_hijacking_localhost": false,
  // The browser's own background services, off (the proxy would see and refuse them anyway).
  "services.settings.server": "data:,#remote-settings-off/v1",
  "app.normandy.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.safebrowsing.downloads.enabled": false,
  "browser.safebrowsing.blockedURIs.enabled": false,
  "browser.safebrowsing.provider.mozilla.updateURL": "",
  "browser.safebrowsing.provider.google4.updateURL": "",
  "browser.region.update.enabled": false,
  "browser.region.network.url": "",
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "extensions.update.enabled": false,
  "extensions.getAddons.cache.enabled": false,
  "extensions.blocklist.enabled": false,
  "media.gmp-manager.url": "",
  "toolkit.telemetry.enabled": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "browser.topsites.contile.enabled": false,
  "network.trr.mode": 5,
};
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath,
  headless: true,
  extraPrefsFirefox: prefs,
  protocolTimeout: 180_000,
});
let context = null;
let page = null;
let log = [];
let requests = [];

async function target(frame) {
  if (!frame) return page;
  const handle = await page.waitForSelector(frame, { timeout: 60_000 });
  const content = await handle.contentFrame();
  if (!content) throw new Error(`no frame in ${frame}`);
  return content;
}

const ops = {
  async version() {
    return browser.version();
  },
  async open() {
    await context?.close();
    context = await browser.createBrowserContext();
    page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    log = [];
    requests = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("console", (message) => {
      if (message.type() === "error") log.push(message.text());
    });
    page.on("pageerror", (error) => log.push(String(error?.message ?? error)));
    return true;
  },
  async goto({ url }) {
    await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    return page.url();
  },
  async eval({ expr, frame }) {
    return (await target(frame)).evaluate(expr);
  },
  async click({ selector, frame }) {
    await (await target(frame)).locator(selector).setTimeout(60_000).click();
    return true;
  },
  async type({ selector, text }) {
    const field = await page.waitForSelector(selector, { timeout: 60_000 });
    await field.click({ count: 3 }); // selects what is there, so typing replaces it
    await page.keyboard.press("Backspace");
    await field.type(text);
    return true;
  },
  async log() {
    return log;
  },
  async requests() {
    return requests;
  },
  async quit() {
    await browser.close();
    process.exit(0);
  },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = JSON.parse(line);
  let answer;
  try {
    answer = { ok: true, value: (await ops[command.op](command)) ?? null };
  } catch (error) {
    answer = { ok: false, error: String(error?.stack ?? error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
await browser.close();
