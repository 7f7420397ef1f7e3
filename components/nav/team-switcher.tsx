"use client";

import { useRouter } from "next/navigation";
import { Menu } from "@/components/ui/menu";

/** Must match lib/teams/chosen-team.ts (a client component cannot import server-only code). */
const TEAM_COOKIE = "runsheet-team";

/** A year-long cookie; none means all my teams. */
function rememberTeam(slug: string | null) {
  document.cookie = slug
    ? `${TEAM_COOKIE}=${encodeURIComponent(slug)}; path=/; max-age=31536000; samesite=lax`
    : `${TEAM_COOKIE}=; path=/; max-age=0; samesite=lax`;
}

/**
 * Narrows the lists (runs, templates, promotions) to one of my teams, or shows all of them.
 * The choice is a cookie for display only; what I may see is decided on the server.
 */
export function TeamSwitcher({
  teams,
  chosen,
}: {
  teams: { slug: string; name: string }[];
  chosen: string | null;
}) {
  const router = useRouter();
  const choose = (slug: string | null) => {
    rememberTeam(slug);
    router.refresh();
  };
  const current = teams.find((t) => t.slug === chosen)?.name ?? "All my teams";
  return (
    <span data-testid="team-switcher" className="whitespace-nowrap">
      <Menu
        label={`Team: ${current}`}
        className="text-sm"
        items={[
          { label: "All my teams", onSelect: () => choose(null), disabled: chosen === null },
          ...teams.map((t) => ({
            label: t.name,
            onSelect: () => choose(t.slug),
            disabled: t.slug === chosen,
          })),
        ]}
      >
        <span className="rounded border border-slate-500 px-2 py-1 text-slate-100">Team: {current} ▾</span>
      </Menu>
    </span>
  );
}
