import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/security/client-ip";

const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientIp", () => {
  it("is null when there is no address at all", () => {
    expect(clientIp(new Headers(), 1)).toBeNull();
    expect(clientIp(xff(" , "), 1)).toBeNull();
  });

  it("without trusted proxies believes no header: a client could forge any of them", () => {
    expect(clientIp(xff("203.0.113.7"))).toBeNull();
    expect(clientIp(xff("6.6.6.6, 203.0.113.7"), 0)).toBeNull();
    expect(clientIp({ "x-forwarded-for": ["198.51.100.2"] })).toBeNull();
  });

  it("behind one proxy takes the entry it appended, not what the client claimed", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended the peer it saw.
    expect(clientIp(xff("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    // A proxy that overwrites the header leaves one entry: the same answer.
    expect(clientIp(xff("203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIp(xff("::ffff:127.0.0.1"), 1)).toBe("127.0.0.1");
    expect(clientIp(xff("2001:DB8::1"), 1)).toBe("2001:db8::1");
  });

  it("behind two proxies skips the inner proxy's own entry", () => {
    expect(clientIp(xff("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    // Fewer entries than proxies: the chain is not the configured one; nothing is trusted.
    expect(clientIp(xff("203.0.113.7"), 2)).toBeNull();
  });

  it("reads next-auth's plain header objects too", () => {
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 198.51.100.1" }, 1)).toBe("198.51.100.1");
    expect(clientIp({ "x-forwarded-for": ["198.51.100.2"] }, 1)).toBe("198.51.100.2");
    expect(clientIp({}, 1)).toBeNull();
  });
});
