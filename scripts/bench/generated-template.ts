/**
 * A template of `items` plain task items in sections of `sectionSize` (phases run in order),
 * for measuring size-dependent costs. One section makes every item available at once.
 */
export function generatedTemplate(items: number, label = `${items} items`, sectionSize = 50): string {
  const lines = [`Name The New Issue Like This: Benchmark checklist (${label})`, ""];
  for (let s = 0; s * sectionSize < items; s++) {
    lines.push(`### Section ${s + 1}`);
    for (let i = 1; i <= Math.min(sectionSize, items - s * sectionSize); i++)
      lines.push(`${i}. * [ ] Step ${i} of section ${s + 1}: check the dashboard and confirm the value`);
    lines.push("");
  }
  return lines.join("\n");
}
