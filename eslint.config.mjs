import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { dbImports, serverOnlyImports } from "./scripts/lint/server-only-modules.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Small files, short functions: a reader sees a whole unit at once. Tests are exempt:
    // a table of cases or a scenario reads best in one piece.
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "e2e/**", "test/**"],
    rules: {
      "max-lines": ["error", { max: 300, skipBlankLines: false, skipComments: false }],
      "max-lines-per-function": ["error", { max: 120, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    // The browser bundle: a component may use a server module's types, never its code.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: serverOnlyImports().map((name) => ({
            name,
            allowTypeImports: true,
            message: "A server-only module: components get its data as props or through a server action.",
          })),
          patterns: [
            {
              group: dbImports,
              allowTypeImports: true,
              message: "The database is server-only: components get its data as props.",
            },
          ],
        },
      ],
    },
  },
  {
    // Routes and pages stay thin: queries live in lib/ domain functions, which check permissions.
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: dbImports,
              allowTypeImports: true,
              message: "app/ does not query the database: call a domain function in lib/ that does.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    // Every build directory: NEXT_DIST_DIR lets builds live side by side as .next-*.
    ".next*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "lib/generated/**",
    ".data/**",
    "playwright-report/**",
    "test-results/**",
    // Vendored at install (scripts/prepare-generated.mjs): not our code.
    "public/vendor/**",
  ]),
]);
