import Link from "next/link";
import type { ReactNode } from "react";
import { pageActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { SignOutButton } from "@/components/auth/sign-out-button";

// Pages still check permissions through the domain functions they call.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await pageActor();
  return (
    <>
      <header className="no-print bg-slate-900 text-white">
        <nav className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
          <Link href="/" className="font-semibold tracking-tight">
            Runsheet
          </Link>
          <Link href="/" className="text-sm text-slate-300 hover:text-white">
            Runs
          </Link>
          <Link href="/my" className="text-sm text-slate-300 hover:text-white">
            My items
          </Link>
          <Link href="/templates" className="text-sm text-slate-300 hover:text-white">
            Templates
          </Link>
          {can(actor, "runs.read") && (
            <Link href="/promotions" className="text-sm text-slate-300 hover:text-white">
              Promotions
            </Link>
          )}
          <Link href="/settings/tokens" className="text-sm text-slate-300 hover:text-white">
            Tokens
          </Link>
          {can(actor, "users.admin") && (
            <Link href="/admin/users" className="text-sm text-slate-300 hover:text-white">
              Users
            </Link>
          )}
          {can(actor, "integrations.admin") && (
            <Link href="/settings/integrations" className="text-sm text-slate-300 hover:text-white">
              Integrations
            </Link>
          )}
          <span className="ml-auto text-sm text-slate-300" data-testid="current-user">
            {actor.name}{" "}
            <span className="text-slate-400">
              @{actor.handle} · {actor.role}
            </span>
          </span>
          <SignOutButton />
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
