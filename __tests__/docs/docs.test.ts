import * as fs from 'fs';
import * as path from 'path';
import { GENERATED_SECTIONS } from '../../src/docs/generated-sections';
import { betweenMarkers } from '../../src/docs/markers';
import { packageRoot } from '../../src/package-root';

const ROOT = packageRoot();
const README_MAX_LINES = 300;

/** README.md and every Markdown file in docs/, relative to the package root. */
const DOCS = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The text outside fenced code blocks and inline code, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The targets of the inline links of a Markdown text, `[text](target)`. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]);
}

/** The anchors a Markdown file offers: its headings as GitHub names them, and `<a name>` / `id` anchors. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const base = heading
      .toLowerCase()
      .replace(/<[^>]*>/g, '')
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const [, name] of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(name);
  return anchors;
}

/** What is wrong with one relative link of `file`, or undefined when it points to something that exists. */
function brokenLink(file: string, target: string): string | undefined {
  const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
  const resolved = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(pathPart)));
  if (resolved.startsWith('../') || path.posix.isAbsolute(resolved)) return `${target}: outside the repository`;
  if (!fs.existsSync(path.join(ROOT, resolved))) return `${target}: ${resolved} does not exist`;
  if (anchor === undefined || !resolved.endsWith('.md')) return undefined;
  return anchorsOf(read(resolved)).has(anchor) ? undefined : `${target}: ${resolved} has no heading or anchor "${anchor}"`;
}

describe('the generated parts of the docs', () => {
  it.each(GENERATED_SECTIONS.map((section) => [section.file, section.name, section] as const))(
    '%s holds the %s as `npm run docs` writes it',
    (file, _name, section) => {
      expect(betweenMarkers(read(file), section.markers)).toBe(section.render());
    },
  );

  it('are not in the README, which holds no generated part', () => {
    for (const section of GENERATED_SECTIONS) expect(read('README.md')).not.toContain(section.markers.begin);
  });
});

describe('README.md', () => {
  it(`has at most ${README_MAX_LINES} lines`, () => {
    expect(read('README.md').split('\n').length - 1).toBeLessThanOrEqual(README_MAX_LINES);
  });
});

describe('relative links in README.md and docs/', () => {
  it.each(DOCS)('%s: every relative link points to a file (and heading) that exists', (file) => {
    const relative = linkTargets(read(file)).filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
    expect(relative.map((target) => brokenLink(file, target)).filter((problem) => problem !== undefined)).toEqual([]);
  });

  it('finds the links it checks, in code spans too when they are link text', () => {
    expect(linkTargets('see [`a.md`](a.md) and [b](docs/b.md#c), not `[x](y)` or\n```\n[z](w)\n```\n')).toEqual(['a.md', 'docs/b.md#c']);
    expect([...anchorsOf("## Checking and verifying Terraform's own plan\n## In your own cdktf app: the construct library\n## A\n## A\n")]).toEqual([
      'checking-and-verifying-terraforms-own-plan',
      'in-your-own-cdktf-app-the-construct-library',
      'a',
      'a-1',
    ]);
  });
});
