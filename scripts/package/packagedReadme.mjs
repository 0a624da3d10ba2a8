// Writes dist/README.md, the README the .vsix ships (`vsce package --readme-path dist/README.md`):
// README.md with every package-relative picture inlined as a data: URI.
// Why: VS Code's extension page renders the README in a webview whose CSP is
// `img-src https: data:` (extensionEditor.ts, renderBody) and gives it no <base>, so a relative
// `media/readme/demo.gif` resolves against the webview's own http(s)/vscode-webview origin, is never
// served from the install folder, and is blocked: the picture shows broken. vsce would normally
// rewrite it to the `repository`'s https raw URL, but this project has no public repository, and an
// invented URL would be a broken picture too. A data: URI is what the page's sanitizer
// (markdownDocumentRenderer.ts: allowDataImages) and CSP both let through, offline included.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MIME = { '.gif': 'image/gif', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

/** `![alt](target)` and `<img src="target">` whose target is a file of this repository. */
export function inlinePictures(markdown, readFile) {
  const toDataUri = (target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return target;
    const path = posix.normalize(target.replace(/^\.\//, ''));
    const mime = MIME[extname(path).toLowerCase()];
    // SVG is refused by vsce and the Marketplace inside data: URIs; anything else unknown too.
    if (!mime) throw new Error(`README picture ${target}: only ${Object.keys(MIME).join(' ')} can be inlined; convert it to PNG`);
    return `data:${mime};base64,${readFile(path).toString('base64')}`;
  };
  return markdown
    .replace(/(!\[[^\]]*\]\()([^)\s]+)([^)]*\))/g, (_all, open, target, close) => `${open}${toDataUri(target)}${close}`)
    .replace(/(<img[^>]*\ssrc=")([^"]+)(")/g, (_all, open, target, close) => `${open}${toDataUri(target)}${close}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const readFile = (path) => {
    const file = join(root, path);
    if (!existsSync(file)) throw new Error(`README picture ${path} does not exist: run npm run docs, or fix the link`);
    return readFileSync(file);
  };
  const out = join(root, 'dist', 'README.md');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, inlinePictures(readFileSync(join(root, 'README.md'), 'utf8'), readFile));
  console.log('package: dist/README.md (README.md with its pictures inline)');
}
