// Bundle drand's tlock-js, and what it needs, into the one ES module the Apply form imports when a supplier
// seals an application (docs/assets/javascripts/seal.js), with the licences of every package it holds:
//   node requirements/npm/bundle-tlock.mjs OUT_DIR
// writes OUT_DIR/tlock.bundle.js and OUT_DIR/tlock.bundle.LICENSE.txt. Run by scripts/vendor-tlock (into
// docs/assets/javascripts/); tests/site/test_tlock_bundle.py runs it into a temporary folder and compares the
// bytes with the committed files, so what the site serves is what the lock builds, nothing else.
//
// Only `timelockEncrypt` is exported: the form seals, it never decrypts (sync does, in Python). The output is
// deterministic: esbuild with fixed options, no source map, no timestamps; the packages are listed sorted.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  process.stderr.write("usage: node bundle-tlock.mjs OUT_DIR\n");
  process.exit(2);
}

const result = await esbuild.build({
  stdin: {
    contents: 'export { timelockEncrypt } from "tlock-js";\n',
    resolveDir: here,
    sourcefile: "tlock-entry.mjs",
    loader: "js",
  },
  absWorkingDir: here,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2020"],
  minify: true,
  legalComments: "none", // the licences are in tlock.bundle.LICENSE.txt, whole
  metafile: true,
  write: false,
  logLevel: "error",
});

// The packages whose files are in the bundle: node_modules/<name> or node_modules/@scope/<name>.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (!match) continue;
  const folder = path.join(here, "node_modules", match[1]);
  const manifest = JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8"));
  packages.set(match[1], { folder, version: manifest.version, license: manifest.license });
}
const names = [...packages.keys()].sort();

const listed = names.map((name) => `${name}@${packages.get(name).version} (${packages.get(name).license})`);
const banner =
  "/* tlock-js 0.9.0 (drand, https://github.com/drand/tlock-js), bundled by requirements/npm/bundle-tlock.mjs " +
  "for the Apply form's sealing. Holds: " +
  listed.join(", ") +
  ". Licences: tlock.bundle.LICENSE.txt beside this file. */\n";

const notice = [
  "tlock.bundle.js: drand's timelock encryption (tlock-js) and the packages it needs, bundled with esbuild by",
  "requirements/npm/bundle-tlock.mjs from the versions locked in requirements/npm/package-lock.json.",
  "Each package's licence follows, as the package ships it.",
  "",
];
for (const name of names) {
  const { folder, version, license } = packages.get(name);
  const files = readdirSync(folder)
    .filter((file) => /^(licen[cs]e|copying)/i.test(file))
    .sort();
  notice.push("=".repeat(100), `${name} ${version}: ${license}`, "=".repeat(100));
  if (files.length === 0) notice.push(`(${name} ships no licence file; its package.json says ${license})`, "");
  for (const file of files) {
    notice.push(`--- ${file}`, readFileSync(path.join(folder, file), "utf8").trimEnd(), "");
  }
}

mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "tlock.bundle.js"), banner + result.outputFiles[0].text);
writeFileSync(path.join(out, "tlock.bundle.LICENSE.txt"), notice.join("\n") + "\n");
process.stdout.write(`bundle-tlock: ${names.length} packages, ${banner.length + result.outputFiles[0].contents.length} bytes\n`);
