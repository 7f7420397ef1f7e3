import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { appendAuditEvent, lockStream, streamFor } from "@/lib/audit/append-event";
import { requirePermission, requireTeamPermission, type Actor } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db";
import { teamFor } from "@/lib/teams/default-team";
import { parseTemplate } from "@/lib/templates/parse-template";
import { definitionSchema, type TemplateDefinition } from "@/lib/templates/definition";
import { templateNameFrom, slugify } from "@/lib/templates/template-name";
import { NotFoundError, ValidationError } from "@/lib/errors";
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
  /** The team (slug) a new template goes to, the default team when not given; a new version stays in its template's team. */
  team?: string;
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
    const template = await templateToVersion(tx, {
      slug,
      name,
      builtIn: !!input.builtIn,
      team: input.team,
      actor,
    });
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

/**
 * The template a new version goes to: the existing one of that slug, in its own team, or a
 * new one in the named (or default) team. The actor needs templates.write in that team; a
 * name taken in a team they cannot see is refused without saying which team has it.
 */
async function templateToVersion(
  tx: Tx,
  t: { slug: string; name: string; builtIn: boolean; team?: string; actor: Actor | null },
) {
  const existing = await tx.template.findUnique({ where: { slug: t.slug } });
  const team = existing && t.team === undefined ? null : await teamFor(t.actor, t.team, tx);
  if (existing && team && existing.teamId !== team.id) throw nameTaken(t.name);
  const teamId = existing?.teamId ?? team!.id;
  if (t.actor) {
    try {
      requireTeamPermission(t.actor, "templates.write", teamId, "not visible");
    } catch (err) {
      if (existing && err instanceof NotFoundError) throw nameTaken(t.name);
      throw err;
    }
  }
  return (
    existing ??
    (await tx.template.create({ data: { slug: t.slug, name: t.name, builtIn: t.builtIn, teamId } }))
  );
}

function nameTaken(name: string) {
  const message = `The name "${name}" is taken by another team's template; choose another name.`;
  return new ValidationError(message, { name: [message] });
}
