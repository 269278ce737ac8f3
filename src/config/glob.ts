/**
 * Glob matching for `ignore`, `overrides[].files` and `suppress[].file`, gitignore-style: `*` and `?`
 * stay within one path segment, `**` crosses segments, a pattern without `/` matches a name at any
 * depth, and a pattern ending in `/` matches a folder and everything in it.
 */
export function compileGlob(pattern: string): (path: string) => boolean {
  let glob = pattern.replace(/\\/g, '/');
  if (glob.startsWith('./')) glob = glob.slice(2);
  const anywhere = !glob.replace(/\/$/, '').includes('/');
  if (glob.endsWith('/')) glob += '**';
  if (anywhere) glob = `**/${glob}`;
  else if (glob.startsWith('/')) glob = glob.slice(1);
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      source += slashAfter ? '(?:[^/]*/)*' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern naming a folder also covers what is inside it.
  const regex = new RegExp(`^${source}(?:/.*)?$`);
  return (path) => regex.test(path);
}

/** One matcher for many globs. */
export function compileGlobs(patterns: readonly string[]): (path: string) => boolean {
  const matchers = patterns.map(compileGlob);
  return (path) => matchers.some((m) => m(path));
}
