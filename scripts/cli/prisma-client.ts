import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { ToolError } from "./tool-error";

/**
 * The Prisma client is generated, not committed. `npm install` generates it (postinstall),
 * but an install with --ignore-scripts does not, so every entry point checks before it
 * imports anything that needs it.
 */
export function ensurePrismaClient(log: (m: string) => void): void {
  const generated = [
    path.join("lib", "generated", "prisma", "client.ts"),
    path.join("public", "vendor", "swagger-ui", "swagger-ui-bundle.js"),
  ];
  if (generated.every((f) => existsSync(path.join(process.cwd(), f)))) return;
  log("generating the Prisma client and vendored assets");
  const r = spawnSync(process.execPath, ["scripts/prepare-generated.mjs"], { stdio: "inherit" });
  if (r.status !== 0) throw new ToolError("generating the Prisma client failed (see above)");
}
