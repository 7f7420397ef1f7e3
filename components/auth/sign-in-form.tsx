"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { signInErrorMessage } from "@/components/auth/sign-in-error";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { safeCallbackPath } from "@/lib/security/safe-redirect";

/** `oidcName`: the single sign-on provider's name when it is configured. */
export function SignInForm({ oidcName }: { oidcName: string | null }) {
  const router = useRouter();
  const params = useSearchParams();
  // Single sign-on comes back here with ?error= when it fails.
  const returned = params.get("error");
  const [error, setError] = useState<string | null>(returned ? signInErrorMessage(returned) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(e.currentTarget);
    const res = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!res || res.error) {
      setError(signInErrorMessage(res?.error ?? ""));
      return;
    }
    router.replace(nextPath());
    router.refresh();
  }

  function nextPath() {
    // Only paths of this app, judged the way the browser will resolve them.
    return safeCallbackPath(params.get("callbackUrl"), window.location.origin);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <label className="block">
        <span className="text-sm font-medium">Email</span>
        <input
          name="email"
          type="email"
          required
          autoComplete="username"
          className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Password</span>
        <input
          name="password"
          type="password"
          required
          autoComplete="current-password"
          className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
        />
      </label>
      <FormError error={error} />
      <Button
        type="submit"
        variant="primary"
        className="w-full py-2"
        pending={pending}
        pendingLabel="Signing in…"
      >
        Sign in
      </Button>
      {oidcName && (
        <button
          type="button"
          onClick={() => signIn("oidc", { callbackUrl: nextPath() })}
          className="w-full rounded border border-slate-400 px-3 py-2 font-medium hover:bg-slate-50"
        >
          Sign in with {oidcName}
        </button>
      )}
    </form>
  );
}
