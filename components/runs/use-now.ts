"use client";

import { useEffect, useState } from "react";

/** The browser's clock, for display only (countdowns); every recorded time comes from the server. */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
