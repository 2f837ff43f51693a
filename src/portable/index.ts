export { sha1, sha256, sha256OfText, useNativeSha256 } from "./sha.js";
export { fromBase64, fromHex, toBase64, toHex, utf8Bytes, utf8Text } from "./encoding.js";
export { normalizePosix } from "./paths.js";
