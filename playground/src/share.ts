import type { PlaygroundState } from "./state.js";

/**
 * The playground's state in the URL fragment, which browsers never send to a server: the JSON of
 * the state, deflated and written in base64url, after `#s=`.
 */
const PREFIX = "#s=";

export async function stateToFragment(state: PlaygroundState): Promise<string> {
  const deflated = await pipe(new TextEncoder().encode(JSON.stringify(state)), new CompressionStream("deflate-raw"));
  return PREFIX + toBase64Url(deflated);
}

/** The state a fragment holds, or undefined when it holds none (or one that cannot be read). */
export async function stateFromFragment(fragment: string): Promise<PlaygroundState | undefined> {
  if (!fragment.startsWith(PREFIX)) return undefined;
  try {
    const inflated = await pipe(fromBase64Url(fragment.slice(PREFIX.length)), new DecompressionStream("deflate-raw"));
    const state = JSON.parse(new TextDecoder().decode(inflated)) as PlaygroundState;
    return typeof state === "object" && state !== null && typeof state.text === "string" ? state : undefined;
  } catch {
    return undefined;
  }
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
