/** npm run template:import -- FILE [--name "Template name"] — prints the parsed definition. */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { db } from "@/lib/db";
import { importTemplate } from "@/lib/templates/import-template";
import { TemplateImportError } from "@/lib/templates/import-error";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: "string" } } });
const file = positionals[0];
if (!file) {
  console.error("usage: npm run template:import -- FILE [--name NAME]");
  process.exit(2);
}
try {
  // A command-line import runs with the server's authority, like the seed.
  const result = await importTemplate({ actor: "system", markdown: await readFile(file), name: values.name });
  console.log(
    `${result.created ? "imported" : "unchanged"}: ${result.name} (${result.slug}) v${result.version} — ` +
      `${result.definition.sections.length} sections, ${result.definition.fields.length} fields`,
  );
} catch (err) {
  if (err instanceof TemplateImportError) {
    console.error(`${file}: ${err.message}`);
    for (const issue of err.issues.slice(1))
      console.error(`${file}: ${issue.line ? `line ${issue.line}: ` : ""}${issue.message}`);
    process.exitCode = 1;
  } else throw err;
} finally {
  await db().$disconnect();
}
