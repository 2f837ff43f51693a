import { EvalError } from "../../errors.js";
import { Unknown } from "../../unknown.js";
import { eager, type FunctionTable } from "../function-table.js";
import { int, str } from "../values.js";
import { preview } from "../../preview.js";

const DURATION = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

function parseDate(fn: string, s: string): Date {
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
  if (Number.isNaN(d.getTime())) throw new EvalError(`${fn}: ${preview(s)} is not a date and time`);
  return d;
}

function addDuration(base: Date, duration: string): Date {
  const m = DURATION.exec(duration);
  if (!m || duration === "P" || duration.endsWith("T")) throw new EvalError(`dateTimeAdd: '${duration}' is not an ISO 8601 duration`);
  const sign = m[1] ? -1 : 1;
  const n = (i: number) => sign * Number(m[i] ?? 0);
  const d = new Date(base.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + n(2), d.getUTCMonth() + n(3), d.getUTCDate() + 7 * n(4) + n(5));
  d.setTime(d.getTime() + ((n(6) * 60 + n(7)) * 60 + n(8)) * 1000);
  return d;
}

const pad = (v: number, w: number) => String(v).padStart(w, "0");

/** .NET date formatting for the custom tokens templates use, and the standard `u`, `s` and `o`. */
function formatDate(d: Date, format = "yyyy-MM-ddTHH:mm:ssZ"): string {
  const standard: Record<string, string> = {
    u: "yyyy-MM-dd HH:mm:ssZ",
    s: "yyyy-MM-ddTHH:mm:ss",
    o: "yyyy-MM-ddTHH:mm:ss.fffffffZ",
    O: "yyyy-MM-ddTHH:mm:ss.fffffffZ",
  };
  const f = standard[format] ?? format;
  const tokens: Record<string, () => string> = {
    yyyy: () => pad(d.getUTCFullYear(), 4),
    yy: () => pad(d.getUTCFullYear() % 100, 2),
    MM: () => pad(d.getUTCMonth() + 1, 2),
    M: () => String(d.getUTCMonth() + 1),
    dd: () => pad(d.getUTCDate(), 2),
    d: () => String(d.getUTCDate()),
    HH: () => pad(d.getUTCHours(), 2),
    H: () => String(d.getUTCHours()),
    hh: () => pad(d.getUTCHours() % 12 || 12, 2),
    h: () => String(d.getUTCHours() % 12 || 12),
    mm: () => pad(d.getUTCMinutes(), 2),
    m: () => String(d.getUTCMinutes()),
    ss: () => pad(d.getUTCSeconds(), 2),
    s: () => String(d.getUTCSeconds()),
    fffffff: () => pad(d.getUTCMilliseconds(), 3) + "0000",
    fff: () => pad(d.getUTCMilliseconds(), 3),
    tt: () => (d.getUTCHours() < 12 ? "AM" : "PM"),
  };
  return f.replace(/'([^']*)'|yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|fffffff|fff|tt/g, (t, quoted: string | undefined) =>
    quoted !== undefined ? quoted : tokens[t]!(),
  );
}

export const dateFunctions: FunctionTable = {
  datetimeadd: eager(2, 3, ([base, duration, format]) =>
    formatDate(
      addDuration(parseDate("dateTimeAdd", str("dateTimeAdd", base!)), str("dateTimeAdd", duration!, 2)),
      format === undefined ? undefined : str("dateTimeAdd", format, 3),
    ),
  ),
  datetimefromepoch: eager(1, 1, ([s]) => formatDate(new Date(int("dateTimeFromEpoch", s!) * 1000))),
  datetimetoepoch: eager(1, 1, ([s]) => Math.floor(parseDate("dateTimeToEpoch", str("dateTimeToEpoch", s!)).getTime() / 1000)),
  utcnow: eager(0, 1, (_args, env) => new Unknown("runtime-function", env.text, ["utcnow"], undefined, false, "utcNow() is the time of deployment")),
};
