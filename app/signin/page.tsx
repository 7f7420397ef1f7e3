import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { oidcName } from "@/lib/auth/oidc";
import { env } from "@/lib/env";

export const metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="mb-6 text-2xl font-semibold">Sign in to Runsheet</h1>
      <Suspense>
        <SignInForm oidcName={oidcName(env())} />
      </Suspense>
    </main>
  );
}
