import { fromHex, sha1, toHex, utf8Bytes } from "../../../portable/index.js";

/**
 * ARM's `uniqueString`: the arguments joined with `-`, hashed with Microsoft's 64-bit variant of
 * MurmurHash (two 32-bit lanes), then 13 base-32 characters taken from the top of the hash.
 */
export function uniqueString(parts: readonly string[]): string {
  let hash = murmur64(utf8Bytes(parts.join("-")));
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let out = "";
  for (let i = 0; i < 13; i++) {
    out += alphabet[Number(hash >> 59n)];
    hash = (hash << 5n) & 0xffffffffffffffffn;
  }
  return out;
}

const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
const mul = (a: number, b: number): number => Math.imul(a, b) >>> 0;
const C1 = 597399067;
const C2 = 2869860233;

function fmix(h: number): number {
  h = (h ^ (h >>> 16)) >>> 0;
  h = mul(h, 2246822507);
  h = (h ^ (h >>> 13)) >>> 0;
  h = mul(h, 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

function murmur64(data: Uint8Array): bigint {
  const n = data.length;
  let h1 = 0;
  let h2 = 0;
  const word = (i: number, len: number): number => {
    let w = 0;
    for (let j = 0; j < len; j++) w |= data[i + j]! << (8 * j);
    return w >>> 0;
  };
  let i = 0;
  for (; i + 7 < n; i += 8) {
    let k1 = word(i, 4);
    let k3 = word(i + 4, 4);
    k1 = mul(rotl(mul(k1, C1), 15), C2);
    h1 = (h1 ^ k1) >>> 0;
    h1 = (rotl(h1, 19) + h2) >>> 0;
    h1 = (mul(h1, 5) + 1444728091) >>> 0;
    k3 = mul(rotl(mul(k3, C2), 17), C1);
    h2 = (h2 ^ k3) >>> 0;
    h2 = (rotl(h2, 13) + h1) >>> 0;
    h2 = (mul(h2, 5) + 197830471) >>> 0;
  }
  const tail = n - i;
  if (tail > 0) {
    const k2 = mul(rotl(mul(word(i, Math.min(tail, 4)), C1), 15), C2);
    h1 = (h1 ^ k2) >>> 0;
    if (tail > 4) {
      // The reference multiplies a signed 32-bit value by -1425107063 (= 2869860233 as unsigned).
      const k4 = mul(rotl(mul(word(i + 4, tail - 4), C2), 17), C1);
      h2 = (h2 ^ k4) >>> 0;
    }
  }
  h1 = (h1 ^ n) >>> 0;
  h2 = (h2 ^ n) >>> 0;
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  return (BigInt(h2) << 32n) | BigInt(h1);
}

const GUID_NAMESPACE = fromHex("11fb06fb712d4ddd98c7e71bbd588830");

/** ARM's `guid`: an RFC 4122 version-5 UUID in ARM's namespace over the arguments joined with `-`. */
export function armGuid(parts: readonly string[]): string {
  const name = utf8Bytes(parts.join("-"));
  const message = new Uint8Array(GUID_NAMESPACE.length + name.length);
  message.set(GUID_NAMESPACE);
  message.set(name, GUID_NAMESPACE.length);
  const hash = sha1(message);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = toHex(hash.subarray(0, 16));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
