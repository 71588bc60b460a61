import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The repository documents itself (DESIGN.md "Growing the house"): a clone must carry every
 * page its README and docs/ link to. A relative link that leaves the repository (the team's
 * notes in ../shared/) or names a missing file or heading fails here, in `npm test`.
 */
const ROOT = resolve(__dirname, '..', '..');
const DOCS = join(ROOT, 'docs');
const PAGES = [
  'README.md',
  ...readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name)),
];

interface Link {
  page: string;
  line: number;
  target: string;
}

/** Fenced code blocks hold examples, not links. */
const withoutCodeBlocks = (text: string) => text.replace(/^```[^\n]*\n[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ' '));

/** Inline links `[text](target)` and reference definitions `[label]: target`. */
export function linksOf(page: string, text: string): Link[] {
  const links: Link[] = [];
  withoutCodeBlocks(text)
    .split('\n')
    .forEach((content, index) => {
      const line = content.replace(/`[^`]*`/g, '');
      for (const match of line.matchAll(/\]\(\s*(?:<([^>]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g))
        links.push({ page, line: index + 1, target: match[1] ?? match[2] });
      const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
      if (definition) links.push({ page, line: index + 1, target: definition[1] });
    });
  return links;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  for (const match of withoutCodeBlocks(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = match[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    let unique = slug;
    for (let n = 1; anchors.has(unique); n++) unique = `${slug}-${n}`;
    anchors.add(unique);
  }
  return anchors;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** Why a relative link does not resolve inside the repository, or null when it does. */
export function brokenReason(link: Link): string | null {
  if (isExternal(link.target)) return null;
  const [path, anchor] = link.target.split('#', 2);
  const file = path === '' ? join(ROOT, link.page) : resolve(ROOT, dirname(link.page), decodeURI(path));
  const inside = relative(ROOT, file);
  if (inside.startsWith('..') || resolve(ROOT, inside) !== file) return 'leaves the repository';
  if (!existsSync(file)) return 'no such file';
  if (anchor !== undefined && statSync(file).isFile() && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
    return `no heading #${anchor}`;
  }
  return null;
}

describe('README.md and docs/', () => {
  const pages = PAGES.map((page) => ({ page, text: readFileSync(join(ROOT, page), 'utf8') }));

  it('has the four pages the README links to', () => {
    expect(PAGES).toEqual(expect.arrayContaining(['docs/architecture.md', 'docs/operations.md', 'docs/domain.md', 'docs/performance.md']));
  });

  it('links only to files and headings inside the repository', () => {
    const links = pages.flatMap(({ page, text }) => linksOf(page, text));
    expect(links.filter((link) => !isExternal(link.target)).length).toBeGreaterThan(10);
    const broken = links.flatMap((link) => {
      const reason = brokenReason(link);
      return reason ? [`${link.page}:${link.line} ${link.target}: ${reason}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('names no file outside the repository, even in code: a clone has no ../shared/', () => {
    expect(pages.filter(({ text }) => text.includes('../shared/')).map(({ page }) => page)).toEqual([]);
  });

  it('keeps the README short: under 120 lines, none over 200 characters', () => {
    const lines = pages
      .find(({ page }) => page === 'README.md')!
      .text.trimEnd()
      .split('\n');
    expect(lines.length).toBeLessThan(120);
    expect(lines.filter((line) => [...line].length > 200)).toEqual([]);
  });
});

describe('link checker', () => {
  it('finds inline links and reference definitions, not code', () => {
    const text = 'See [a](docs/a.md#x) and [b](<b c.md> "title").\n`[no](code.md)`\n```\n[no](fenced.md)\n```\n[ref]: ../shared/DESIGN.md\n';
    expect(linksOf('README.md', text).map((link) => link.target)).toEqual(['docs/a.md#x', 'b c.md', '../shared/DESIGN.md']);
  });

  it('refuses links outside the repository, missing files and missing headings', () => {
    expect(brokenReason({ page: 'README.md', line: 1, target: '../shared/DESIGN.md' })).toBe('leaves the repository');
    expect(brokenReason({ page: 'docs/domain.md', line: 1, target: '../../shared/DOMAIN.md' })).toBe('leaves the repository');
    expect(brokenReason({ page: 'README.md', line: 1, target: 'docs/missing.md' })).toBe('no such file');
    expect(brokenReason({ page: 'README.md', line: 1, target: 'docs/operations.md#no-such-heading' })).toBe('no heading #no-such-heading');
    expect(brokenReason({ page: 'README.md', line: 1, target: 'https://example.org/x' })).toBeNull();
    expect(brokenReason({ page: 'docs/domain.md', line: 1, target: '../libs/core/src/clock.ts' })).toBeNull();
  });

  it('slugs headings as GitHub does', () => {
    expect([...anchorsOf('# The request’s path: `Fastify` → problem+json\n## Hot paths\n## Hot paths\n')]).toEqual([
      'the-requests-path-fastify--problemjson',
      'hot-paths',
      'hot-paths-1',
    ]);
  });
});
