/** admin/generated/ is generated from the schema and the pages' operations, and committed; this fails when someone forgot `npm run codegen`. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

/**
 * The generator run in memory, as `npm run codegen` would write it. Its modules are ESM, which jest cannot load,
 * so it runs in a Node process of its own and prints what it would write.
 */
const GENERATE = `
  import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
  const { config } = await loadCodegenConfig({ configFilePath: 'codegen.ts' });
  const outputs = await generate({ ...config, silent: true }, false);
  process.stdout.write(JSON.stringify(outputs.map(({ filename, content }) => ({ filename, content }))));
`;

test('the committed admin/generated/ matches what the schema and the operations generate', () => {
  const outputs: { filename: string; content: string }[] = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', GENERATE], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  );
  const committed = readdirSync(join(root, 'admin', 'generated')).map((name) => `admin/generated/${name}`);
  const stale = outputs
    .filter(({ filename, content }) => !committed.includes(filename) || readFileSync(join(root, filename), 'utf8') !== content)
    .map(({ filename }) => filename);
  const leftOver = committed.filter((filename) => !outputs.some((output) => output.filename === filename));
  if (stale.length || leftOver.length) {
    throw new Error(
      `admin/generated/ is stale (${[...stale, ...leftOver].join(', ')}): run \`npm run codegen\` and commit what it writes.`,
    );
  }
});
