"use client";

import { ErrorNotice } from "@/components/ui/error-notice";

export default function RootError(props: { error: unknown; retry: () => void }) {
  return <ErrorNotice {...props} />;
}
