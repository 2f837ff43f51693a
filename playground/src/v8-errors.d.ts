/**
 * V8's stack depth setting, which the expander lowers while raising faults (src/arm/errors.ts).
 * @types/node declares it and the DOM typings do not; in engines without it the setting does nothing.
 */
interface ErrorConstructor {
  stackTraceLimit: number;
}
