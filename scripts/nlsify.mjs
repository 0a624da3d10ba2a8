#!/usr/bin/env node
// `npm run nls`: moves every user-facing string of package.json's `contributes` into package.nls.json
// (as %key% references, see scripts/nls/nlsify.mjs), then regenerates the README tables, which read
// through the keys. Re-run after adding a command or a setting; test/unit/nls.test.ts fails until then.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nlsify } from './nls/nlsify.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const manifestPath = join(root, 'package.json');
const nlsPath = join(root, 'package.nls.json');
const existing = existsSync(nlsPath) ? JSON.parse(readFileSync(nlsPath, 'utf8')) : {};
const { manifest, nls, moved } = nlsify(JSON.parse(readFileSync(manifestPath, 'utf8')), existing);
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(nlsPath, `${JSON.stringify(nls, null, 2)}\n`);
console.log(`nls: ${moved} strings moved into package.nls.json (${Object.keys(nls).length} keys)`);
