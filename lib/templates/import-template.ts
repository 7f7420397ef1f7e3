import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { parseTemplate } from "@/lib/templates/parse-template";
import { definitionSchema, type TemplateDefinition } from "@/lib/templates/definition";
import { templateNameFrom, slugify } from "@/lib/templates/template-name";
import { ValidationError } from "@/lib/errors";
import { safeText } from "@/lib/validation/text";

/** As on the upload form and the API's ?name=. */
export const MAX_TEMPLATE_NAME = 120;
const nameSchema = safeText(MAX_TEMPLATE_NAME).optional();
import { applyChoices, type ImportChoices } from "@/lib/templates/apply-choices";

export type ImportResult = {
  templateId: string;
  slug: string;
  name: string;
  version: number;
  created: boolean;
  definition: TemplateDefinition;
};

/**
 * Parses Markdown and stores it as a new immutable version of the template with the
 * same slug. Re-importing identical source returns the existing version. Parsing
 * happens before the transaction, so bad input stores nothing.
 */
export async function importTemplate(input: {
  /** `"system"`: the seed and the command line, which run with the server's own authority. */
  actor: Actor | null | "system";
  markdown: string | Uint8Array;
  name?: string;
  builtIn?: boolean;
  /** Kinds and field types the author chose in the preview; written into the stored Markdown. */
  choices?: ImportChoices;
}): Promise<ImportResult> {
  const actor = input.actor === "system" ? null : requirePermission(input.actor, "templates.write");
  const givenName = nameSchema.safeParse(input.name);
  if (!givenName.success) {
    const message = givenName.error.issues[0]?.message ?? "Not a valid name";
    throw new ValidationError(`The template name is not valid: ${message}.`, { name: [message] });
  }
  const hasChoices = !!input.choices && (input.choices.items.length > 0 || input.choices.fields.length > 0);
  const markdown = hasChoices ? applyChoices(input.markdown, input.choices!) : input.markdown;
  const definition = definitionSchema.parse(parseTemplate(markdown));
  const source = typeof markdown === "string" ? markdown : new TextDecoder().decode(markdown);
  const sha = createHash("sha256").update(source).digest("hex");
  const name = input.name?.trim() || templateNameFrom(definition);
  const slug = slugify(name);
  return db().$transaction(async (tx) => {
    // Lock before reading the clock, so the stream's times never go backwards.
    await lockStream(tx, streamFor(null));
    const now = new Date();
    // Two imports of the same template must not both claim the next version number.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"template:" + slug}, 0))`;
    const template =
      (await tx.template.findUnique({ where: { slug } })) ??
      (await tx.template.create({ data: { slug, name, builtIn: !!input.builtIn } }));
    const latest = await tx.templateVersion.findFirst({
      where: { templateId: template.id },
      orderBy: { version: "desc" },
    });
    if (latest && latest.sourceSha256 === sha) {
      return {
        templateId: template.id,
        slug,
        name: template.name,
        version: latest.version,
        created: false,
        definition,
      };
    }
    const version = (latest?.version ?? 0) + 1;
    await tx.templateVersion.create({
      data: {
        templateId: template.id,
        version,
        sourceMarkdown: source,
        sourceSha256: sha,
        definition: definition as object,
        createdById: actor?.id ?? null,
        createdAt: now,
      },
    });
    await appendAuditEvent(tx, {
      actorId: actor?.id ?? null,
      action: "template.imported",
      payload: { templateId: template.id, slug, version, sourceSha256: sha },
      at: now,
    });
    return { templateId: template.id, slug, name: template.name, version, created: true, definition };
  });
}
