import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";

const seed = readFileSync(
  path.join(process.cwd(), "lib", "templates", "builtin", "promote-changeset-to-production.md"),
);

test.describe("POST /api/v1/templates", () => {
  test("refuses anonymous callers", async ({ request }) => {
    const res = await request.post("/api/v1/templates", {
      data: seed,
      headers: { "content-type": "text/markdown" },
    });
    expect(res.status()).toBe(401);
  });

  test("returns the parsed definition of the seed", async ({ makeUser, apiAs }) => {
    const request = await apiAs(await makeUser("operator"));
    const res = await request.post("/api/v1/templates", {
      data: seed,
      headers: { "content-type": "text/markdown" },
    });
    expect([200, 201]).toContain(res.status());
    const body = await res.json();
    expect(body.slug).toBe("promote-changeset-to-production");
    expect(body.definition.titlePattern).toBe("Promote Changeset v{{changesetVersion}} To Production");
    expect(body.definition.sections).toHaveLength(9);
    expect(body.definition.ackGroups.map((g: { entries: unknown[] }) => g.entries.length)).toEqual([2, 3]);
    expect(body.definition.sections.map((s: { branch: string | null }) => s.branch)).toContain("no_go");
  });

  test("answers garbage with 400 and a message naming the problem", async ({ makeUser, apiAs }) => {
    const request = await apiAs(await makeUser("operator"));
    const bytes = Buffer.concat([
      Buffer.from("# Title\n\n* [ ] one\n"),
      Buffer.from([0xff, 0xfe, 0x00]),
      Buffer.from("\n"),
    ]);
    const res = await request.post("/api/v1/templates", {
      data: bytes,
      headers: { "content-type": "text/markdown" },
    });
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error).toMatch(/^line 4: .*UTF-8/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+|SELECT|prisma/i);

    const noTasks = await request.post("/api/v1/templates", {
      data: "# Just prose\n\nNo checkboxes here.\n",
      headers: { "content-type": "text/markdown" },
    });
    expect(noTasks.status()).toBe(400);
    expect((await noTasks.json()).error).toMatch(/task item/i);
  });

  test("?dryRun=1 answers with the preview and its warnings, and stores nothing", async ({
    makeUser,
    apiAs,
  }) => {
    const request = await apiAs(await makeUser("operator"));
    const unseen = [
      "# Dry run drill",
      "",
      "## Steps",
      "- [ ] Kick off the backup",
      "  ```",
      "  velero backup create {{cluster}}-pre",
      "  ```",
      "",
      "<div>raw</div>",
      "",
      "/label ~drill",
      "/confidential",
      "",
    ].join("\n");
    const res = await request.post("/api/v1/templates?dryRun=1", {
      data: unseen,
      headers: { "content-type": "text/markdown" },
    });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.dryRun).toBe(true);
    expect(body.items.map((i: { kind: string }) => i.kind)).toEqual(["task"]);
    expect(body.items[0].suggestion).toEqual({ kind: "automation", automation: "backup" });
    expect(body.fields.map((f: { key: string }) => f.key)).toEqual(["cluster"]);
    expect(body.quickActions.map((a: { command: string }) => a.command)).toEqual(["label", "confidential"]);
    expect(body.warnings.map((w: { line: number }) => w.line)).toEqual([9, 12]);

    const list = await (await request.get("/api/v1/templates")).json();
    expect(JSON.stringify(list)).not.toContain("Dry run drill");
  });
});
