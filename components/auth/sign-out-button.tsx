"use client";

import { useState } from "react";
import { signOutEverywhereAction } from "@/app/(app)/account-actions";
import { signOutTo } from "@/components/auth/sign-out";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOutTo("/signin")}
      className="py-1 text-left text-sm whitespace-nowrap text-slate-200 hover:text-white"
    >
      Sign out
    </button>
  );
}

/** Ends every session of the user's (other browsers, copied cookies), then this one. */
export function SignOutEverywhereButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOutEverywhereAction({});
        await signOutTo("/signin");
      }}
      className="py-1 text-left text-sm whitespace-nowrap text-slate-300 hover:text-white disabled:opacity-50"
    >
      Sign out everywhere
    </button>
  );
}
