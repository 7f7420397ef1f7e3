/**
 * `next build` with output: "standalone" leaves the static files, public/ and our migrations
 * out of <distDir>/standalone; the server there expects them beside it. Run after every build,
 * and the Dockerfile copies the same folder.
 */
import { cpSync, existsSync } from "node:fs";
import path from "node:path";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const standalone = path.join(distDir, "standalone");
if (!existsSync(path.join(standalone, "server.js"))) {
  console.error(`no standalone build in ${standalone}`);
  process.exit(1);
}
cpSync(path.join(distDir, "static"), path.join(standalone, distDir, "static"), { recursive: true });
if (existsSync("public")) cpSync("public", path.join(standalone, "public"), { recursive: true });
// /api/ready compares the applied migrations with these.
cpSync(path.join("prisma", "migrations"), path.join(standalone, "prisma", "migrations"), { recursive: true });
