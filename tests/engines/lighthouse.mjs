// Lighthouse 12.2.3 over every URL given, in one Debian chromium session (default settings: a mobile page,
// simulated throttling), as JSON on stdout: {"<url>": {"scores": {category: 0-100}, "cls": number,
// "failed": [{"id", "title", "items"}]}}, where `failed` lists the audits of the four categories that did not
// pass. Chromium is told not to reach the network; the pages are served from 127.0.0.1.
// Usage: node tests/engines/lighthouse.mjs URL... (run by tests/site/test_engines.py)
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CHROME = process.env.CHROME_PATH || "/usr/bin/chromium";
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
  "--disable-default-apps", "--disable-extensions", "--metrics-recording-only", "--mute-audio"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

function verdict(lhr) {
  const scores = {};
  const failed = [];
  for (const [name, category] of Object.entries(lhr.categories)) {
    scores[name] = Math.round(category.score * 100);
    if (name === "performance") continue; // timings depend on the machine; only the layout shift is judged
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        const items = (audit.details && audit.details.items) || [];
        failed.push({ id: audit.id, title: audit.title, items: JSON.stringify(items).slice(0, 2000) });
      }
    }
  }
  return { scores, cls: lhr.audits["cumulative-layout-shift"].numericValue, failed };
}

const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: FLAGS });
try {
  const verdicts = {};
  for (const url of process.argv.slice(2)) {
    const run = await lighthouse(url, { port: chrome.port, logLevel: "error", onlyCategories: CATEGORIES });
    verdicts[url] = verdict(run.lhr);
  }
  process.stdout.write(JSON.stringify(verdicts, null, 1) + "\n");
} finally {
  await chrome.kill();
}
