/** A template of `items` plain task items in sections of 50, for measuring size-dependent costs. */
export function generatedTemplate(items: number, label = `${items} items`): string {
  const lines = [`Name The New Issue Like This: Benchmark checklist (${label})`, ""];
  for (let s = 0; s * 50 < items; s++) {
    lines.push(`### Section ${s + 1}`);
    for (let i = 1; i <= Math.min(50, items - s * 50); i++)
      lines.push(`${i}. * [ ] Step ${i} of section ${s + 1}: check the dashboard and confirm the value`);
    lines.push("");
  }
  return lines.join("\n");
}
