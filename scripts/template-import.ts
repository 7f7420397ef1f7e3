/**
 * npm run template:import -- FILE [--name "Template name"] [--dry-run] — imports a Markdown
 * template; with --dry-run, shows what would be created and every warning, storing nothing.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { reportToolError, runTool } from "./cli/run-tool";
import { ToolError } from "./cli/tool-error";

const USAGE = "usage: npm run template:import -- FILE [--name NAME] [--dry-run]";

function args() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { name: { type: "string" }, "dry-run": { type: "boolean" } },
    });
  } catch (err) {
    throw new ToolError(`${(err as Error).message}\n${USAGE}`, 2);
  }
}

/** The preview needs no database: the same reading as an import, with nothing stored. */
async function dryRun(): Promise<number> {
  const { positionals, values } = args();
  const file = positionals[0];
  if (!file) throw new ToolError(USAGE, 2);
  const markdown = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new ToolError(`cannot read ${file}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  });
  const { previewTemplate } = await import("@/lib/templates/preview-template");
  const { previewText } = await import("@/lib/templates/preview-text");
  const { TemplateImportError } = await import("@/lib/templates/import-error");
  try {
    const preview = previewTemplate({ actor: "system", markdown, name: values.name });
    for (const line of previewText(preview)) console.log(line);
    return 0;
  } catch (err) {
    if (!(err instanceof TemplateImportError)) throw err;
    console.error(`${file}: nothing would be imported`);
    for (const issue of err.issues)
      console.error(`${file}: ${issue.line ? `line ${issue.line}: ` : ""}${issue.message}`);
    return 1;
  }
}

if (process.argv.includes("--dry-run")) {
  process.exit(await dryRun().catch((err: unknown) => reportToolError("template:import", err)));
}

await runTool("template:import", async () => {
  const { positionals, values } = args();
  const file = positionals[0];
  if (!file) throw new ToolError(USAGE, 2);
  const markdown = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new ToolError(`cannot read ${file}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  });
  const { TemplateImportError } = await import("@/lib/templates/import-error");
  const { importTemplate } = await import("@/lib/templates/import-template");
  try {
    // A command-line import runs with the server's authority, like the seed.
    const result = await importTemplate({ actor: "system", markdown, name: values.name });
    console.log(
      `${result.created ? "imported" : "unchanged"}: ${result.name} (${result.slug}) v${result.version} — ` +
        `${result.definition.sections.length} sections, ${result.definition.fields.length} fields`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof TemplateImportError)) throw err;
    console.error(`${file}: ${err.message}`);
    for (const issue of err.issues.slice(1))
      console.error(`${file}: ${issue.line ? `line ${issue.line}: ` : ""}${issue.message}`);
    return 1;
  }
});
