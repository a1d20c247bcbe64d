/**
 * IAM's wildcards, `*` (any run of characters, none included) and `?` (one character), as
 * action names, service prefixes and ARN partitions use them, matched on whole strings
 * ignoring case.
 */

/**
 * A test for IAM wildcard `pattern` on whole strings, ignoring case. It takes at most the
 * text's length times the pattern's steps (the matcher that backtracks to the last star only),
 * where a regular expression of many `.*` backtracks exponentially:
 * `ec2:*e*e*e*e*e*e*e*e*e*e*e*e*e*e*q` took minutes against the EC2 actions that way.
 */
export function wildcardMatcher(pattern: string): (text: string) => boolean {
  const wanted = pattern.toLowerCase();
  return (text) => wildcardMatches(wanted, text.toLowerCase());
}

function wildcardMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  // Where the last star was, and the text position its run of characters ends at so far.
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || (pattern[p] !== '*' && pattern[p] === text[t]))) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
