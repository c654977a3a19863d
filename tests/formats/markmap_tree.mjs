// Transform Markdown files with the real markmap (markmap-lib's Transformer, the code
// markmap.js.org, markmap-cli and the VS Code extension run) and print each mind map
// as "depth<TAB>content-as-JSON" lines, so tests can compare it with featuretree's tree.
//
// Usage: node markmap_tree.mjs DIR FILE...   (DIR holds node_modules/markmap-lib,
// installed by hand: `npm install markmap-lib` in DIR). Exit 1 if any file fails.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, ...files] = process.argv.slice(2);
const require = createRequire(join(dir, 'package.json'));
const { Transformer } = await import(pathToFileURL(require.resolve('markmap-lib')).href);
const transformer = new Transformer();

let failed = 0;
for (const file of files) {
  try {
    const { root } = transformer.transform(readFileSync(file, 'utf8'));
    const lines = [];
    const stack = [[root, 0]];
    while (stack.length) {
      const [node, depth] = stack.pop();
      lines.push(`${depth}\t${JSON.stringify(node.content)}`);
      for (let i = node.children.length - 1; i >= 0; i -= 1) {
        stack.push([node.children[i], depth + 1]);
      }
    }
    console.log(`FILE\t${file}`);
    console.log(lines.join('\n'));
  } catch (error) {
    failed = 1;
    console.log(`FILE\t${file}`);
    console.log(`ERROR\t${error}`);
  }
}
process.exit(failed);
