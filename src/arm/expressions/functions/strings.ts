import { EvalError } from "../../errors.js";
import { Unknown } from "../../unknown.js";
import { eager, MANY, type FunctionTable } from "../function-table.js";
import { arr, armString, boundedArray, boundedString, deepUnknown, int, str } from "../values.js";
import { readJson } from "./collections.js";
import { compositeFormat } from "./format.js";
import { armGuid, uniqueString } from "./hash.js";
import { fromBase64, toBase64, utf8Bytes, utf8Text } from "../../../portable/index.js";

const DATA_URI_PREFIX = "data:text/plain;charset=utf8;base64,";

/** .NET's Uri.EscapeDataString: encodeURIComponent plus the characters it leaves alone. */
function escapeDataString(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeBase64(fn: string, s: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s.replace(/\s/g, ""))) throw new EvalError(`${fn}: not base64`);
  return utf8Text(fromBase64(s));
}

/** Arguments that must all be known strings (or values `string()` turns into strings). */
function textArgs(args: readonly import("../../json.js").Value[]): string[] | Unknown {
  const u = args.map(deepUnknown).find(Boolean);
  return u ?? args.map(armString);
}

/** uniqueString() and guid(): a hash of known texts, unknown while any part is unknown. */
function hashOfTexts(hash: (parts: string[]) => string) {
  return eager(
    1,
    MANY,
    (args) => {
      const parts = textArgs(args);
      return parts instanceof Unknown ? parts : hash(parts);
    },
    true,
  );
}

export const stringFunctions: FunctionTable = {
  string: eager(1, 1, ([v]) => deepUnknown(v!) ?? armString(v!), true),
  tolower: eager(1, 1, ([v]) => str("toLower", v!).toLowerCase()),
  toupper: eager(1, 1, ([v]) => str("toUpper", v!).toUpperCase()),
  trim: eager(1, 1, ([v]) => str("trim", v!).trim()),
  startswith: eager(2, 2, ([s, p]) =>
    str("startsWith", s!)
      .toLowerCase()
      .startsWith(str("startsWith", p!, 2).toLowerCase()),
  ),
  endswith: eager(2, 2, ([s, p]) =>
    str("endsWith", s!)
      .toLowerCase()
      .endsWith(str("endsWith", p!, 2).toLowerCase()),
  ),
  replace: eager(3, 3, ([s, a, b], env) =>
    boundedString(
      str("replace", s!)
        .split(str("replace", a!, 2))
        .join(str("replace", b!, 3)),
      env,
    ),
  ),
  split: eager(2, 2, ([s, d], env) => {
    const text = str("split", s!);
    const delimiters = Array.isArray(d) ? d.map((x, i) => str("split", x, i + 2)) : [str("split", d!, 2)];
    let parts = [text];
    for (const delim of delimiters.filter((x) => x !== "")) parts = parts.flatMap((p) => p.split(delim));
    return boundedArray(parts, env);
  }),
  substring: eager(2, 3, ([s, start, len]) => {
    const text = str("substring", s!);
    const from = int("substring", start!, 2);
    const count = len === undefined ? text.length - from : int("substring", len, 3);
    if (from < 0 || count < 0 || from + count > text.length) {
      throw new EvalError(`substring: start ${from} and length ${count} are outside a string of ${text.length}`);
    }
    return text.slice(from, from + count);
  }),
  padleft: eager(2, 3, ([v, len, ch], env) => {
    const text = typeof v === "number" ? String(v) : str("padLeft", v!);
    const width = int("padLeft", len!, 2);
    const pad = ch === undefined ? " " : str("padLeft", ch, 3);
    if (pad.length !== 1) throw new EvalError("padLeft: the padding must be one character");
    if (width > env.budget.limits.stringLength) throw new EvalError("padLeft: length too large");
    return boundedString(text.padStart(width, pad), env);
  }),
  join: eager(
    2,
    2,
    ([list, delim], env) => {
      const parts = textArgs(arr("join", list!));
      return parts instanceof Unknown ? parts : boundedString(parts.join(str("join", delim!, 2)), env);
    },
    true,
  ),
  format: eager(
    1,
    MANY,
    ([fmt, ...rest], env) => {
      if (fmt instanceof Unknown) return fmt;
      const u = rest.map(deepUnknown).find(Boolean);
      return u ?? boundedString(compositeFormat(str("format", fmt!), rest), env);
    },
    true,
  ),
  base64: eager(1, 1, ([s]) => toBase64(utf8Bytes(str("base64", s!)))),
  base64tostring: eager(1, 1, ([s]) => decodeBase64("base64ToString", str("base64ToString", s!))),
  base64tojson: eager(1, 1, ([s]) => readJson("base64ToJson", decodeBase64("base64ToJson", str("base64ToJson", s!)))),
  datauri: eager(1, 1, ([s]) => DATA_URI_PREFIX + toBase64(utf8Bytes(str("dataUri", s!)))),
  datauritostring: eager(1, 1, ([s]) => {
    const text = str("dataUriToString", s!);
    const comma = text.indexOf(",");
    if (!text.startsWith("data:") || comma < 0) throw new EvalError("dataUriToString: not a data URI");
    const meta = text.slice(5, comma);
    const body = text.slice(comma + 1);
    return meta.endsWith(";base64") ? decodeBase64("dataUriToString", body) : decodeURIComponent(body);
  }),
  uri: eager(2, 2, ([base, rel]) => {
    try {
      return new URL(str("uri", rel!, 2), str("uri", base!)).toString();
    } catch {
      throw new EvalError("uri: not a valid URI");
    }
  }),
  uricomponent: eager(1, 1, ([s]) => escapeDataString(str("uriComponent", s!))),
  uricomponenttostring: eager(1, 1, ([s]) => {
    try {
      return decodeURIComponent(str("uriComponentToString", s!));
    } catch {
      throw new EvalError("uriComponentToString: malformed escape");
    }
  }),
  uniquestring: hashOfTexts(uniqueString),
  guid: hashOfTexts(armGuid),
  newguid: eager(0, 0, (_args, env) => new Unknown("runtime-function", env.text, ["newguid"], undefined, false, "newGuid() is generated at deployment")),
};
