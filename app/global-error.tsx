"use client";

import { ErrorNotice } from "@/components/ui/error-notice";
import "./globals.css";

// Replaces the root layout when it fails, so it brings its own document and styles.
export default function GlobalError(props: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <title>Something went wrong · Runsheet</title>
        <ErrorNotice {...props} />
      </body>
    </html>
  );
}
