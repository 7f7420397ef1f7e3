import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..", "..");

/** The database client, its generated types' runtime, and the drivers: server code only. */
export const dbImports = ["@/lib/db", "@/lib/db/*", "@/lib/generated/*", "@prisma/*", "pg", "pg-boss"];

/**
 * Every module under lib/ that declares itself server-only (`import "server-only"`), as
 * `@/lib/...` import names. Read from the files, so a new server module is covered the
 * moment it says so, and the list cannot drift from the code.
 */
export function serverOnlyImports() {
  return sourceFiles(join(root, "lib"))
    .filter((file) => /^import "server-only";/m.test(readFileSync(file, "utf8")))
    .map(
      (file) =>
        "@/" +
        relative(root, file)
          .replace(/\.tsx?$/, "")
          .replace(/\/index$/, ""),
    );
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}
