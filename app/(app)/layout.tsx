import Link from "next/link";
import type { ReactNode } from "react";
import { pageActor } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { SignOutButton, SignOutEverywhereButton } from "@/components/auth/sign-out-button";

// Links only to pages the role can use; the pages still check through the domain functions they call.
const NAV: { href: string; label: string; permission: Permission | null }[] = [
  // Every role lists runs: a subscriber sees the ones they are subscribed to.
  { href: "/", label: "Runs", permission: null },
  { href: "/my", label: "My items", permission: "runs.read" },
  { href: "/templates", label: "Templates", permission: "templates.read" },
  { href: "/promotions", label: "Promotions", permission: "runs.read" },
  { href: "/settings/tokens", label: "Tokens", permission: "runs.read" },
  { href: "/settings/calendar", label: "Calendar", permission: null },
  { href: "/admin/users", label: "Users", permission: "users.admin" },
  { href: "/settings/integrations", label: "Integrations", permission: "integrations.admin" },
  { href: "/settings/webhooks", label: "Webhooks", permission: "integrations.admin" },
];

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await pageActor();
  return (
    <>
      <header className="no-print bg-slate-900 text-white">
        <nav className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
          <Link href="/" className="font-semibold tracking-tight">
            Runsheet
          </Link>
          {NAV.filter((n) => !n.permission || can(actor, n.permission)).map((n) => (
            <Link key={n.href} href={n.href} className="text-sm text-slate-300 hover:text-white">
              {n.label}
            </Link>
          ))}
          <span className="ml-auto text-sm text-slate-300" data-testid="current-user">
            {actor.name}{" "}
            <span className="text-slate-400">
              @{actor.handle} · {actor.role}
            </span>
          </span>
          <SignOutButton />
          <SignOutEverywhereButton />
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
