/**
 * `npm run playground`: builds the playground into dist/playground and serves it on the loopback
 * interface (default port 8080, or `--port N`; 0 picks a free one). Ctrl-C stops it.
 */
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { buildPlayground } from "./playground/build.js";
import { serveStatic } from "./playground/static-server.js";

const { values } = parseArgs({ options: { port: { type: "string", default: "8080" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);

const out = await buildPlayground(fileURLToPath(new URL("../playground/", import.meta.url)));
const server = await serveStatic(out.dir, port);
process.stdout.write(`acs-baseline playground: ${server.url}  (serving ${out.dir}; Ctrl-C stops)\n`);
process.on("SIGINT", () => void server.close().then(() => process.exit(0)));
