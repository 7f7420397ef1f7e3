import type { Metadata } from "next";
import Script from "next/script";
import { headers } from "next/headers";
import "swagger-ui-dist/swagger-ui.css";

export const metadata: Metadata = { title: "API reference — Runsheet" };

/**
 * The OpenAPI document rendered by Swagger UI, served from our own origin (public/vendor, copied
 * from swagger-ui-dist at install and build; its stylesheet bundled) so it works offline and under the CSP.
 */
export default async function ApiDocsPage() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <main className="bg-white">
      <noscript>
        <p className="p-4">
          The API reference needs JavaScript. The document itself is at{" "}
          <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
        </p>
      </noscript>
      <div id="swagger-ui" />
      <Script src="/vendor/swagger-ui/swagger-ui-bundle.js" nonce={nonce} strategy="afterInteractive" />
      <Script src="/api-docs-init.js" nonce={nonce} strategy="afterInteractive" />
    </main>
  );
}
