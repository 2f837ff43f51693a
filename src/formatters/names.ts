/** The one list of report format names: the CLI's `--format`, `formatReport` and `Scanner.format` accept these. */
export const FORMAT_NAMES = ["text", "json", "sarif", "junit", "github", "markdown", "gitlab-codequality", "gitlab-sast", "azure-pipelines", "html"] as const;

/** Names of the report formats. */
export type FormatName = (typeof FORMAT_NAMES)[number];
