// Parse Mermaid files with the real Mermaid (in Node, DOM from jsdom) and print each
// mindmap as "depth<TAB>label" lines, so tests can compare it with featuretree's reader.
//
// Usage: node mermaid_parse.mjs DIR FILE...   (DIR holds node_modules/mermaid and jsdom,
// installed by hand: `npm install mermaid jsdom` in DIR). Exit 1 if any file fails.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, ...files] = process.argv.slice(2);
const require = createRequire(join(dir, 'package.json'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(require.resolve('mermaid')).href);
mermaid.initialize({ startOnLoad: false });

let failed = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  try {
    await mermaid.parse(text);
    // getDiagramFromText applies Mermaid's entity encoding, as rendering does.
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const root = diagram.db.getMindmap();
    const lines = [];
    const stack = root ? [[root, 0]] : [];
    while (stack.length) {
      const [node, depth] = stack.pop();
      lines.push(depth + '\t' + node.descr);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], depth + 1]);
    }
    console.log('FILE\t' + file);
    console.log(lines.join('\n'));
  } catch (error) {
    failed++;
    console.log('FAIL\t' + file + '\t' + String(error.message || error).split('\n')[0]);
  }
}
process.exit(failed ? 1 : 0);
