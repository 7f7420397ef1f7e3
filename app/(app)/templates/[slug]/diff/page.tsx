import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/session";
import { forPage } from "@/lib/http/page-interrupts";
import { diffTemplateVersions } from "@/lib/templates/diff-versions";
import { VersionDiffView } from "@/components/templates/version-diff-view";

export const dynamic = "force-dynamic";
export const metadata = { title: "Compare template versions" };

function versionParam(value: string | string[] | undefined): number {
  const n = typeof value === "string" ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) notFound();
  return n;
}

export default async function TemplateDiffPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ from?: string | string[]; to?: string | string[] }>;
}) {
  const { slug } = await params;
  const actor = await pageActor();
  const query = await searchParams;
  const from = versionParam(query.from);
  const to = versionParam(query.to);
  const diff = await forPage(diffTemplateVersions({ actor, slug, from, to }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        {diff.name}: v{diff.from} → v{diff.to}
      </h1>
      <p className="text-sm">
        <Link href={`/templates/${diff.slug}?version=${diff.from}`} className="text-blue-700 hover:underline">
          v{diff.from}
        </Link>{" "}
        ·{" "}
        <Link href={`/templates/${diff.slug}?version=${diff.to}`} className="text-blue-700 hover:underline">
          v{diff.to}
        </Link>
      </p>
      <VersionDiffView diff={diff} />
    </div>
  );
}
