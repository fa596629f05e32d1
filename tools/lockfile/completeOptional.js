#!/usr/bin/env node
// The npm registry mirror of this workplace lacks the other platforms' native builds (darwin, win32,
// ...), so `npm install` leaves them out of package-lock.json, and `npm ci` then refuses the lock
// ("Missing: @swc/core-darwin-arm64@ from lock file"). This adds each missing optional platform
// package as an entry with its os/cpu, which `npm ci` skips on other platforms. Run it after any
// `npm install` that rewrites the lock: node tools/lockfile/completeOptional.js
const fs = require("fs");
const path = require("path");

const lockPath = path.join(__dirname, "..", "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
const OS = ["darwin", "win32", "linux", "android", "freebsd", "openharmony", "sunos", "aix", "netbsd", "openbsd"];
const CPU = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "wasm32"];

let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    if (lock.packages[target] || lock.packages[`${key}/${target}`]) continue;
    const parts = name.split("/").pop().split("-");
    const os = OS.find((o) => parts.includes(o));
    const cpu = CPU.find((c) => parts.includes(c));
    if (!os || !cpu) continue;
    lock.packages[target] = { version, cpu: [cpu], ...(entry.dev ? { dev: true } : {}), optional: true, os: [os] };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)));
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} optional platform entries`);
