/** The longest message of the expander's own errors. */
const MAX_MESSAGE = 1000;

/**
 * An error of the expander, without a stack. Faults and failed expressions are expected results,
 * reported by message and place, never by stack, and a template can raise thousands of them deep in
 * the expander (a hostile one, or every `listKeys()` of 800 copies of a module): capturing a stack
 * for each (tens of microseconds) dominated such a scan.
 */
class Stackless extends Error {
  constructor(message: string) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    // (a backstop: each value a message quotes is cut where it is quoted, at 100 to 300 characters)
    super(message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message);
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * A structural fault: the template cannot be expanded at all (a limit exceeded, a cycle among
 * variables, an expression that does not parse, a copy count that is not a number). The file is
 * reported invalid, naming the place.
 */
export class ExpansionFault extends Stackless {
  constructor(
    message: string,
    /** JSON pointer of the place in the template, when known. */
    readonly pointer?: string,
  ) {
    super(message);
    this.name = "ExpansionFault";
  }
}

/**
 * A limit of the whole expansion exceeded (steps, call depth, resource count): unlike other
 * faults, which lose only the resource, output or parameter being expanded, it ends the file's
 * expansion, since carrying on would only exceed it again.
 */
export class LimitFault extends ExpansionFault {
  constructor(message: string, pointer?: string) {
    super(message, pointer);
    this.name = "LimitFault";
  }
}

/**
 * A failure of one expression (a missing property, a wrong argument type). It affects only the
 * value being evaluated, which becomes an unknown carrying the reason.
 */
export class EvalError extends Stackless {
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}
