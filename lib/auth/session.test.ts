import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actorForSession } from "@/lib/auth/session";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { acceptInvite } from "@/lib/users/accept-invite";
import { changeUser } from "@/lib/users/change-user";
import { endAllSessions } from "@/lib/users/end-sessions";
import { inviteUser } from "@/lib/users/invite-user";
import { makeUser } from "@/test/fixtures";

/** A session as next-auth makes it at sign-in, through our jwt callback. */
async function signIn(userId: string) {
  const token = await authOptions.callbacks!.jwt!({
    token: { sub: userId },
    user: { id: userId } as never,
    account: { provider: "credentials", type: "credentials", providerAccountId: userId },
  } as never);
  return {
    userId,
    sid: token.sid as string,
    sv: token.sv as number,
    exp: Math.floor(Date.now() / 1000) + 3600,
  };
}

describe("sessions", () => {
  it("carry a session id and version from sign-in, and count while both hold", async () => {
    const user = await makeUser("operator");
    const s = await signIn(user.id);
    expect(s.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.sv).toBe(0);
    expect(await actorForSession(s)).toMatchObject({ id: user.id });
    // A token without them (made before versions existed, or forged without) counts for nothing.
    expect(await actorForSession({ userId: user.id })).toBeNull();
  });

  it("end for good at sign-out: a copy of the cookie taken before is refused", async () => {
    const user = await makeUser("operator");
    const s = await signIn(user.id);
    const other = await signIn(user.id);
    await authOptions.events!.signOut!({
      token: { sub: user.id, sid: s.sid, sv: s.sv, exp: s.exp },
    } as never);
    expect(await actorForSession(s)).toBeNull();
    expect(await actorForSession(other)).toMatchObject({ id: user.id });
  });

  it("all end at 'sign out everywhere'; a new sign-in works", async () => {
    const user = await makeUser("operator");
    const [a, b] = [await signIn(user.id), await signIn(user.id)];
    await endAllSessions({ actor: user });
    expect(await actorForSession(a)).toBeNull();
    expect(await actorForSession(b)).toBeNull();
    expect(await actorForSession(await signIn(user.id))).toMatchObject({ id: user.id });
    const audit = await db().auditEvent.findFirst({
      where: { action: "user.sessions_ended", actorId: user.id },
    });
    expect(audit?.payload).toEqual({ userId: user.id });
  });

  it("end at deactivation, and reactivating the user does not revive them", async () => {
    const [admin, user] = [await makeUser("admin"), await makeUser("operator")];
    const s = await signIn(user.id);
    await changeUser({ actor: admin, userId: user.id, active: false });
    expect(await actorForSession(s)).toBeNull();
    await changeUser({ actor: admin, userId: user.id, active: true });
    expect(await actorForSession(s)).toBeNull();
    expect(await actorForSession(await signIn(user.id))).toMatchObject({ id: user.id });
  });

  it("end at a role change", async () => {
    const [admin, user] = [await makeUser("admin"), await makeUser("operator")];
    const s = await signIn(user.id);
    await changeUser({ actor: admin, userId: user.id, role: "auditor" });
    expect(await actorForSession(s)).toBeNull();
    expect(await actorForSession(await signIn(user.id))).toMatchObject({ role: "auditor" });
  });

  it("end when the password is set again from an invitation", async () => {
    const admin = await makeUser("admin");
    const tag = randomUUID().slice(0, 8);
    const { user, token } = await inviteUser({
      actor: admin,
      email: `invited-${tag}@test.local`,
      name: `Invited ${tag}`,
      handle: `invited-${tag}`,
      role: "operator",
    });
    const s = await signIn(user.id);
    await acceptInvite({ token, password: "a brand new password" });
    expect(await actorForSession(s)).toBeNull();
  });
});

describe("invitations", () => {
  it("of a deactivated user cannot be accepted", async () => {
    const admin = await makeUser("admin");
    const tag = randomUUID().slice(0, 8);
    const { user, token } = await inviteUser({
      actor: admin,
      email: `gone-${tag}@test.local`,
      name: `Gone ${tag}`,
      handle: `gone-${tag}`,
      role: "operator",
    });
    await changeUser({ actor: admin, userId: user.id, active: false });
    await expect(acceptInvite({ token, password: "a brand new password" })).rejects.toThrow(
      /not valid or has expired/,
    );
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBeNull();
  });
});
