import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { authenticate, PASSWORD_TOO_LONG } from "@/lib/auth/authenticate";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { makeUser } from "@/test/fixtures";

const someIp = () => `172.17.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;

describe("password hashes", () => {
  it("are argon2id for new passwords, and verify", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(hash)).toBe(false);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("wrong", hash)).toBe(false);
    expect(await verifyPassword("anything", null)).toBe(false);
    expect(await verifyPassword("anything", "not a hash")).toBe(false);
  });

  it("a bcrypt hash still verifies, and the sign-in that proves it replaces it with argon2id", async () => {
    const user = await makeUser("operator");
    const old = await bcrypt.hash("an old bcrypt password", 4);
    expect(needsRehash(old)).toBe(true);
    const { email } = await db().user.update({ where: { id: user.id }, data: { passwordHash: old } });
    expect(await authenticate({ email, password: "an old bcrypt password" }, someIp())).toMatchObject({
      id: user.id,
    });
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await authenticate({ email, password: "an old bcrypt password" }, someIp())).toMatchObject({
      id: user.id,
    });
  });

  it("a password over 72 bytes is refused with a clear message while the hash is bcrypt (bcrypt ignores the rest)", async () => {
    const user = await makeUser("operator");
    const long = "é".repeat(40); // 80 bytes in UTF-8
    const old = await bcrypt.hash(long, 4);
    const { email } = await db().user.update({ where: { id: user.id }, data: { passwordHash: old } });
    // bcrypt alone would accept any password sharing the first 72 bytes.
    expect(await bcrypt.compare(`${"é".repeat(36)}xxxxxxxx`, old)).toBe(true);
    await expect(authenticate({ email, password: `${"é".repeat(36)}xxxxxxxx` }, someIp())).rejects.toThrow(
      PASSWORD_TOO_LONG,
    );
    await expect(authenticate({ email, password: long }, someIp())).rejects.toThrow(PASSWORD_TOO_LONG);
    // Once the hash is argon2id, every byte counts.
    await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(long) } });
    expect(await authenticate({ email, password: long }, someIp())).toMatchObject({ id: user.id });
    expect(await authenticate({ email, password: `${"é".repeat(36)}xxxxxxxx` }, someIp())).toBeNull();
  });
});
