// ESLint: typescript-eslint's recommended rules over the TypeScript sources, tests and scripts.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "generated/", ".tools/", "fixtures/", "examples/", "coverage/", "test-output/"] },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    // The plain JavaScript entry points and scripts run on Node.
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { process: "readonly", Buffer: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly" } },
  },
  {
    rules: {
      // `_`-prefixed parameters are the way to name one a callback's signature requires but does not use.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
);
