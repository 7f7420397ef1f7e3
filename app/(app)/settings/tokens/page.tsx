import { pageActor } from "@/lib/auth/session";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { forPage } from "@/lib/http/page-interrupts";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { NewTokenForm } from "@/components/tokens/new-token-form";
import { TokenList } from "@/components/tokens/token-list";

export const dynamic = "force-dynamic";
export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await pageActor();
  const tokens = await forPage(listApiTokens({ actor }));
  // What the person may do in at least one of their teams; the token's own team is checked
  // again when it is created (lib/tokens/create-api-token.ts).
  const grantable = (Object.keys(PERMISSIONS) as Permission[]).filter((p) =>
    can({ role: actor.role, teamRoles: actor.teamRoles }, p),
  );
  const isAdmin = can(actor, "users.admin");
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="max-w-2xl text-sm text-slate-600">
          A token lets a pipeline call <code>/api/v1</code> as you, with{" "}
          <code>Authorization: Bearer &lt;token&gt;</code>. It can do only what both its scopes and your role
          allow: if your role changes, so does what the token can do. Revoke a token as soon as you no longer
          need it.
        </p>
        <NewTokenForm scopes={grantable} />
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{isAdmin ? "All tokens" : "Your tokens"}</h2>
        <TokenList tokens={tokens} showOwner={isAdmin} />
      </section>
    </div>
  );
}
