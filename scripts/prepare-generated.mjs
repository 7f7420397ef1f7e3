/**
 * What the source tree needs that is generated, not committed: the Prisma client, and the
 * API reference's renderer (swagger-ui-dist) copied into public/ so the page works offline
 * and under our CSP. Run by postinstall, by `npm run build`, and before every entry point.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const generate = spawnSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit" });
if (generate.status !== 0) process.exit(generate.status ?? 1);

const swagger = path.dirname(require.resolve("swagger-ui-dist/package.json"));
const target = path.join("public", "vendor", "swagger-ui");
mkdirSync(target, { recursive: true });
for (const file of ["swagger-ui-bundle.js", "LICENSE", "NOTICE"])
  cpSync(path.join(swagger, file), path.join(target, file));
