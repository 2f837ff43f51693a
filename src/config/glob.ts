/**
 * A glob as a regular expression: `**` matches anything (slashes too), `*` anything but a slash,
 * `?` one character. Matching ignores case when `ignoreCase` is set (resource ids and names).
 */
export function globToRegExp(glob: string, ignoreCase: boolean): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (c === "*") {
      re += "[^/]*";
    } else if (c === "?") {
      re += ".";
    } else {
      re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${re}$`, ignoreCase ? "i" : "");
}
