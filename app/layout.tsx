import type { Metadata } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Runsheet", template: "%s · Runsheet" },
  description: "Production change checklists with evidence.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: a prerendered page's scripts would lack the
  // request's CSP nonce (proxy.ts) and the browser would refuse to run them.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
