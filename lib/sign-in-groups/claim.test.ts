import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { groupsFromClaims, MAX_GROUP_LENGTH, MAX_GROUPS } from "@/lib/sign-in-groups/claim";
import { ROLES_BY_STRENGTH, strongerRole } from "@/lib/sign-in-groups/strength";

describe("reading the groups claim", () => {
  it("reads an array or a single string, trimmed, without blanks, duplicates or non-strings", () => {
    expect(
      groupsFromClaims({ groups: [" payments-ops", "data", "payments-ops", "", 7, null] }, "groups"),
    ).toEqual(["data", "payments-ops"]);
    expect(groupsFromClaims({ groups: "payments-ops" }, "groups")).toEqual(["payments-ops"]);
  });

  it("follows a dotted path into nested claims, and takes a namespaced name with dots as one name", () => {
    const claims = {
      realm_access: { roles: ["payments-ops", "offline_access"] },
      "https://example.com/groups": ["Ops"],
    };
    expect(groupsFromClaims(claims, "realm_access.roles")).toEqual(["offline_access", "payments-ops"]);
    expect(groupsFromClaims(claims, "https://example.com/groups")).toEqual(["Ops"]);
  });

  it("compares exactly: case is kept", () => {
    expect(groupsFromClaims({ groups: ["Payments-Ops"] }, "groups")).toEqual(["Payments-Ops"]);
  });

  it("gives no groups for a missing, malformed or differently nested claim", () => {
    for (const claims of [
      undefined,
      {},
      { groups: { payments: true } },
      { groups: 42 },
      { realm_access: ["roles"] },
      { realm_access: { roles: null } },
    ])
      expect(
        groupsFromClaims(claims, claims && "realm_access" in claims ? "realm_access.roles" : "groups"),
      ).toEqual([]);
  });

  it("drops over-long values and stops at the cap", () => {
    expect(groupsFromClaims({ groups: ["x".repeat(MAX_GROUP_LENGTH + 1), "ok"] }, "groups")).toEqual(["ok"]);
    const many = Array.from({ length: MAX_GROUPS + 50 }, (_, i) => `g${i}`);
    expect(groupsFromClaims({ groups: many }, "groups")).toHaveLength(MAX_GROUPS);
  });
});

describe("the stronger of two team roles", () => {
  it("orders the roles so that each one's permissions include the next one's", () => {
    const held = (role: string) =>
      Object.entries(PERMISSIONS)
        .filter(([, roles]) => (roles as readonly string[]).includes(role))
        .map(([p]) => p);
    for (let i = 0; i + 1 < ROLES_BY_STRENGTH.length; i++)
      expect(held(ROLES_BY_STRENGTH[i]!)).toEqual(expect.arrayContaining(held(ROLES_BY_STRENGTH[i + 1]!)));
  });

  it("keeps the stronger one whichever comes first", () => {
    expect(strongerRole("subscriber", "operator")).toBe("operator");
    expect(strongerRole("operator", "auditor")).toBe("operator");
    expect(strongerRole(undefined, "subscriber")).toBe("subscriber");
  });
});
