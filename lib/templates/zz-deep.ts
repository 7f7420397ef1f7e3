import { parseTemplate } from "./parse-template";
for (const n of [1000, 10000, 100000]) {
  const t0 = Date.now();
  try {
    parseTemplate("## A\n" + "- ".repeat(n) + "[ ] x\n");
    console.log(n, "ok");
  } catch (e) {
    console.log(n, (e as Error).constructor.name, (e as Error).message.slice(0, 100), Date.now() - t0, "ms");
  }
  const t1 = Date.now();
  try {
    parseTemplate("## A\n" + "> ".repeat(n) + "x\n");
    console.log(n, "ok quote");
  } catch (e) {
    console.log(
      n,
      "quote",
      (e as Error).constructor.name,
      (e as Error).message.slice(0, 100),
      Date.now() - t1,
      "ms",
    );
  }
}
