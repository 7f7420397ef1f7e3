import Link from "next/link";
import type { ReactNode } from "react";
import { pageActor } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { SignOutButton, SignOutEverywhereButton } from "@/components/auth/sign-out-button";
import { CollapsibleNav } from "@/components/nav/collapsible-nav";
import { SkipLink } from "@/components/ui/skip-link";
import { TeamSwitcher } from "@/components/nav/team-switcher";
import { chosenTeam } from "@/lib/teams/chosen-team";

// Links only to pages the role can use; the pages still check through the domain functions they call.
const NAV: { href: string; label: string; permission: Permission | null }[] = [
  // Every role lists runs: a subscriber sees the ones they are subscribed to.
  { href: "/", label: "Runs", permission: null },
  { href: "/my", label: "My items", permission: "runs.read" },
  { href: "/templates", label: "Templates", permission: "templates.read" },
  { href: "/promotions", label: "Promotions", permission: "runs.read" },
  { href: "/settings/tokens", label: "Tokens", permission: "runs.read" },
  { href: "/settings/calendar", label: "Calendar", permission: null },
  { href: "/settings/subscriptions", label: "Subscriptions", permission: null },
  { href: "/admin/users", label: "Users", permission: "users.admin" },
  { href: "/admin/teams", label: "Teams", permission: "users.admin" },
  { href: "/settings/integrations", label: "Integrations", permission: "integrations.admin" },
  { href: "/settings/webhooks", label: "Webhooks", permission: "integrations.admin" },
];

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await pageActor();
  const { teams, chosen } = await chosenTeam(actor);
  // The settings of the team the lists are narrowed to, or of one's only team.
  const settingsOf = chosen ?? (teams.length === 1 ? teams[0] : null);
  return (
    <>
      <SkipLink href="#main">Skip to content</SkipLink>
      <header className="no-print bg-slate-900 text-white">
        <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="font-semibold tracking-tight">
            Runsheet
          </Link>
          <CollapsibleNav>
            {NAV.filter((n) => !n.permission || can(actor, n.permission)).map((n) => (
              <Link
                key={n.href}
                href={n.href}
                className="py-1 text-sm whitespace-nowrap text-slate-200 hover:text-white"
              >
                {n.label}
              </Link>
            ))}
            {teams.length > 1 && <TeamSwitcher teams={teams} chosen={chosen?.slug ?? null} />}
            {settingsOf && can(actor, "runs.read", settingsOf.id) && (
              <Link
                href={`/teams/${settingsOf.slug}/settings`}
                className="py-1 text-sm whitespace-nowrap text-slate-200 hover:text-white"
              >
                Team settings
              </Link>
            )}
            <span className="text-sm whitespace-nowrap text-slate-200 md:ml-auto" data-testid="current-user">
              {actor.name}{" "}
              <span className="text-slate-300">
                @{actor.handle} · {actor.role}
              </span>
            </span>
            <SignOutButton />
            <SignOutEverywhereButton />
          </CollapsibleNav>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 outline-none">
        {children}
      </main>
    </>
  );
}
