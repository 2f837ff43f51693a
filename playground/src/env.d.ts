/** The bundled examples, written in by the build (scripts/playground/build.ts). */
declare const PLAYGROUND_EXAMPLES: Array<{ label: string; file: string; text: string }>;
