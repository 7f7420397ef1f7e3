/** npm run template:import -- FILE [--name "Template name"] — imports a Markdown template. */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { runTool } from "./cli/run-tool";
import { ToolError } from "./cli/tool-error";

const USAGE = "usage: npm run template:import -- FILE [--name NAME]";

function args() {
  try {
    return parseArgs({ allowPositionals: true, options: { name: { type: "string" } } });
  } catch (err) {
    throw new ToolError(`${(err as Error).message}\n${USAGE}`, 2);
  }
}

await runTool("template:import", async () => {
  const { positionals, values } = args();
  const file = positionals[0];
  if (!file) throw new ToolError(USAGE, 2);
  const markdown = await readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new ToolError(`cannot read ${file}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  });
  const { importTemplate } = await import("@/lib/templates/import-template");
  const { TemplateImportError } = await import("@/lib/templates/import-error");
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
