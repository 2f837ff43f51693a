import { EvalError } from "../../errors.js";
import { eager, type FunctionTable } from "../function-table.js";
import { int, str } from "../values.js";
import { fromJson } from "./collections.js";

interface Network {
  v6: boolean;
  bits: number;
  /** The network address (host bits cleared). */
  address: bigint;
  prefix: number;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function parseV6(s: string): bigint | undefined {
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function parseNetwork(fn: string, text: string): Network {
  const [ip, prefixText, extra] = text.split("/");
  const v6 = ip!.includes(":");
  const bits = v6 ? 128 : 32;
  const value = v6 ? parseV6(ip!) : parseV4(ip!);
  const prefix = Number(prefixText);
  if (value === undefined || extra !== undefined || !/^\d+$/.test(prefixText ?? "") || prefix > bits) {
    throw new EvalError(`${fn}: '${text}' is not an IP range in CIDR notation`);
  }
  return { v6, bits, address: value & mask(bits, prefix), prefix };
}

const mask = (bits: number, prefix: number): bigint => ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);

function format(v6: boolean, value: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: the longest run of two or more zero groups becomes "::".
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLength).join(":")}`;
}

export const cidrFunctions: FunctionTable = {
  parsecidr: eager(1, 1, ([network]) => {
    const n = parseNetwork("parseCidr", str("parseCidr", network!));
    const last = n.address | (mask(n.bits, n.prefix) ^ ((1n << BigInt(n.bits)) - 1n));
    const small = n.bits - n.prefix <= 1;
    if (n.v6) {
      return fromJson({
        network: format(true, n.address),
        netmask: format(true, mask(n.bits, n.prefix)),
        firstUsable: format(true, n.address),
        lastUsable: format(true, last),
        cidr: n.prefix,
      });
    }
    return fromJson({
      network: format(false, n.address),
      netmask: format(false, mask(n.bits, n.prefix)),
      broadcast: format(false, last),
      firstUsable: format(false, small ? n.address : n.address + 1n),
      lastUsable: format(false, small ? last : last - 1n),
      cidr: n.prefix,
    });
  }),
  cidrsubnet: eager(3, 3, ([network, newCidr, index]) => {
    const n = parseNetwork("cidrSubnet", str("cidrSubnet", network!));
    const prefix = int("cidrSubnet", newCidr!, 2);
    const i = int("cidrSubnet", index!, 3);
    if (prefix < n.prefix || prefix > n.bits) throw new EvalError(`cidrSubnet: the new CIDR ${prefix} must be from ${n.prefix} to ${n.bits}`);
    if (i < 0 || BigInt(i) >= 1n << BigInt(prefix - n.prefix)) throw new EvalError(`cidrSubnet: subnet index ${i} is out of range`);
    return `${format(n.v6, n.address + (BigInt(i) << BigInt(n.bits - prefix)))}/${prefix}`;
  }),
  cidrhost: eager(2, 2, ([network, index]) => {
    const n = parseNetwork("cidrHost", str("cidrHost", network!));
    const i = int("cidrHost", index!, 2);
    const hosts = (1n << BigInt(n.bits - n.prefix)) - (n.v6 ? 1n : 2n);
    if (i < 0 || BigInt(i) >= hosts) throw new EvalError(`cidrHost: host index ${i} is out of range`);
    return format(n.v6, n.address + 1n + BigInt(i));
  }),
};
