import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-only-secret-0123456789abcdef0123456789";
// Sending mail needs an explicit sender; tests that set SMTP_URL send as this one.
process.env.MAIL_FROM ??= "Runsheet tests <runsheet@tests.example>";
