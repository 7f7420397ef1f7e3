/** Fixed loopback ports for the end-to-end run, away from `npm start`'s 3000 and 54320. */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT || 3107);
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT || 54337);
export const E2E_DATABASE_URL = `postgresql://runsheet:runsheet-local@127.0.0.1:${E2E_PG_PORT}/runsheet_e2e`;
/** Where specs read the mail the app sent (e2e/support/mail-capture.ts); next to the app's port. */
export const E2E_MAIL_PORT = Number(process.env.E2E_MAIL_PORT || E2E_APP_PORT + 1);
/** The fake AWS (test/fakes/aws.ts) the app's automation steps call in the end-to-end run. */
export const E2E_AWS_PORT = Number(process.env.E2E_AWS_PORT || E2E_APP_PORT + 20);
/** The session secret the e2e app signs cookies with; fixtures mint sessions with it too (e2e/support/seed.ts). */
export const E2E_AUTH_SECRET = "e2e-only-secret-0123456789abcdef0123456789";
/** Where specs read what the Slack and Statuspage fakes received (e2e/support/integration-fakes.ts). */
export const E2E_INTEGRATIONS_PORT = Number(process.env.E2E_INTEGRATIONS_PORT || E2E_APP_PORT + 21);
/** The local OpenID Connect provider (test/fakes/oidc-provider.ts) the app's single sign-on uses. */
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT || E2E_APP_PORT + 31);
