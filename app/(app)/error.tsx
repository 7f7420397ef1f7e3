"use client";

import { ErrorNotice } from "@/components/ui/error-notice";

// Keeps the header and navigation when a signed-in page fails.
export default function AppError(props: { error: unknown; retry: () => void }) {
  return <ErrorNotice {...props} />;
}
