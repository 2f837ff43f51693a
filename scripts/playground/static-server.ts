import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

/** Content types of the files a built playground holds (WebAssembly must be served as such to stream-compile). */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".map": "application/json; charset=utf-8",
};

/** A running local server; `url` ends with a slash. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves one directory's files over HTTP on the loopback interface, read-only: a path that leaves
 * the directory, a directory without index.html or a missing file is a 404. `port` 0 picks a free one.
 */
export function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = fileFor(root, decodeURIComponent(path));
    if (!file || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => closeServer(server) }));
  });
}

/** The file a URL path names inside `root`, or undefined. */
function fileFor(root: string, path: string): string | undefined {
  const wanted = normalize(join(root, path));
  if (wanted !== root && !wanted.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  const stats = statSync(wanted, { throwIfNoEntry: false });
  if (stats?.isFile()) return wanted;
  if (stats?.isDirectory()) return fileFor(root, join(path, "index.html"));
  return undefined;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
