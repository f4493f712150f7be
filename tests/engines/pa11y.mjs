// pa11y 10 with HTML_CodeSniffer (WCAG2AA) over every URL given, in one Debian chromium, as JSON on stdout:
// {"<url>": [{"code", "message", "selector", "context"}, ...]} with the errors of each page (no warnings or
// notices, as pa11y reports by default). Requests that leave 127.0.0.1 are refused: the tests never reach out.
// Usage: node tests/engines/pa11y.mjs URL... (run by tests/site/test_engines.py)
import pa11y from "pa11y";
import puppeteer from "puppeteer";

const CHROME = process.env.CHROME_PATH || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-quic"];

async function check(browser, url) {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (new URL(request.url()).hostname === "127.0.0.1") request.continue();
    else request.abort();
  });
  const result = await pa11y(url, { browser, page, standard: "WCAG2AA", runners: ["htmlcs"], timeout: 60000 });
  await page.close();
  return result.issues.map(({ code, message, selector, context }) => ({ code, message, selector, context }));
}

const browser = await puppeteer.launch({ executablePath: CHROME, headless: true, args: ARGS });
try {
  const verdicts = {};
  for (const url of process.argv.slice(2)) verdicts[url] = await check(browser, url);
  process.stdout.write(JSON.stringify(verdicts, null, 1) + "\n");
} finally {
  await browser.close();
}
