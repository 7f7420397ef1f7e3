import { findInvite } from "@/lib/users/accept-invite";
import { AcceptInviteForm } from "@/components/admin/accept-invite-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Join Runsheet" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(token);
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      {invite ? (
        <>
          <h1 className="mb-2 text-2xl font-semibold">Welcome, {invite.name}</h1>
          <p className="mb-6 text-sm text-slate-600">Choose a password for {invite.email}.</p>
          <AcceptInviteForm token={token} />
        </>
      ) : (
        <>
          <h1 className="mb-2 text-2xl font-semibold">This invitation is not valid</h1>
          <p className="text-sm text-slate-600">
            It may have been used already or have expired. Ask an admin for a new one.
          </p>
        </>
      )}
    </main>
  );
}
